package com.forexdiffusion.trading.regime;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A hidden Markov model with diagonal Gaussian emissions, fitted by Baum–Welch with the scaled forward–backward
 * recursions (each step normalised, the log-likelihood is the sum of the log scale factors). Immutable.
 *
 * @param initial     π, the state distribution at the first observation
 * @param transition  A[i][j] = P(state j next | state i now)
 * @param means       per state, the mean of each feature
 * @param variances   per state, the variance of each feature
 */
public record GaussianHmm(double[] initial, double[][] transition, double[][] means, double[][] variances) {
    static final double MIN_VARIANCE = 1e-8;

    public int states() {
        return initial.length;
    }

    /** log of the Gaussian density of observation o in state s. */
    double logEmission(int s, double[] o) {
        double lp = 0;
        for (int d = 0; d < o.length; d++) {
            double v = variances[s][d];
            double z = o[d] - means[s][d];
            lp += -0.5 * (Math.log(2 * Math.PI * v) + z * z / v);
        }
        return lp;
    }

    /** Emission likelihoods per time and state, each row divided by its maximum; the shifts are returned in logs. */
    private double[][] emissions(double[][] obs, double[] logShift) {
        int k = states();
        double[][] b = new double[obs.length][k];
        for (int t = 0; t < obs.length; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < k; s++) {
                b[t][s] = logEmission(s, obs[t]);
                max = Math.max(max, b[t][s]);
            }
            for (int s = 0; s < k; s++) {
                b[t][s] = Math.exp(b[t][s] - max);
            }
            logShift[t] = max;
        }
        return b;
    }

    /** Scaled forward pass: alpha[t] = P(state_t | o_1..t); returns log P(o_1..T). */
    private double forward(double[][] b, double[] logShift, double[][] alpha, double[] scale) {
        int k = states();
        double ll = 0;
        for (int t = 0; t < b.length; t++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double a;
                if (t == 0) {
                    a = initial[j];
                } else {
                    a = 0;
                    for (int i = 0; i < k; i++) {
                        a += alpha[t - 1][i] * transition[i][j];
                    }
                }
                alpha[t][j] = a * b[t][j];
                sum += alpha[t][j];
            }
            if (!(sum > 0)) {
                throw new IllegalStateException("observation " + t + " has zero likelihood under every state");
            }
            for (int j = 0; j < k; j++) {
                alpha[t][j] /= sum;
            }
            scale[t] = sum;
            ll += Math.log(sum) + logShift[t];
        }
        return ll;
    }

    public double logLikelihood(double[][] obs) {
        double[] shift = new double[obs.length];
        double[][] b = emissions(obs, shift);
        return forward(b, shift, new double[obs.length][states()], new double[obs.length]);
    }

    /**
     * Filtered posteriors P(state_t | o_1..t): what is known at time t without looking ahead. Use these for
     * decisions; smoothed posteriors use later observations.
     */
    public double[][] filtered(double[][] obs) {
        double[] shift = new double[obs.length];
        double[][] b = emissions(obs, shift);
        double[][] alpha = new double[obs.length][states()];
        forward(b, shift, alpha, new double[obs.length]);
        return alpha;
    }

    /**
     * Baum–Welch from a seeded start. The state means start at observations picked k-means++ style (each next
     * one with probability proportional to its squared standardised distance from the nearest picked), which
     * avoids starting two states in one cluster; variances start at the global variance.
     */
    public static GaussianHmm fit(double[][] obs, int states, long seed, int maxIterations, double tolerance) {
        int n = obs.length;
        int dim = obs[0].length;
        if (n < states * 10) {
            throw new IllegalArgumentException("need at least " + states * 10 + " observations to fit " + states
                    + " states, got " + n);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] globalVar = new double[dim];
        double[] globalMean = new double[dim];
        for (double[] o : obs) {
            for (int d = 0; d < dim; d++) {
                globalMean[d] += o[d] / n;
            }
        }
        for (double[] o : obs) {
            for (int d = 0; d < dim; d++) {
                globalVar[d] += (o[d] - globalMean[d]) * (o[d] - globalMean[d]) / n;
            }
        }
        double[][] means = new double[states][];
        double[][] vars = new double[states][];
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        means[0] = obs[rnd.nextInt(n)].clone();
        for (int d = 0; d < dim; d++) {
            // A constant feature (such as the zero volume of some data sources) must not give a zero variance.
            globalVar[d] = Math.max(globalVar[d], MIN_VARIANCE);
        }
        for (int s = 0; s < states; s++) {
            vars[s] = globalVar.clone();
            if (s == 0) {
                continue;
            }
            double total = 0;
            for (int t = 0; t < n; t++) {
                double d2 = 0;
                for (int d = 0; d < dim; d++) {
                    double z = obs[t][d] - means[s - 1][d];
                    d2 += z * z / Math.max(globalVar[d], MIN_VARIANCE);
                }
                nearest[t] = Math.min(nearest[t], d2);
                total += nearest[t];
            }
            double u = rnd.nextDouble() * total;
            int pick = n - 1;
            for (int t = 0; t < n; t++) {
                u -= nearest[t];
                if (u <= 0) {
                    pick = t;
                    break;
                }
            }
            means[s] = obs[pick].clone();
        }
        double[][] a = new double[states][states];
        for (int i = 0; i < states; i++) {
            for (int j = 0; j < states; j++) {
                a[i][j] = i == j ? 0.9 : 0.1 / (states - 1);
            }
        }
        double[] pi = new double[states];
        Arrays.fill(pi, 1.0 / states);
        GaussianHmm m = new GaussianHmm(pi, a, means, vars);
        double prev = Double.NEGATIVE_INFINITY;
        for (int it = 0; it < maxIterations; it++) {
            Step s = m.step(obs);
            m = s.next;
            if (Math.abs(s.logLikelihood - prev) < tolerance * Math.max(1, Math.abs(prev))) {
                break;
            }
            prev = s.logLikelihood;
        }
        return m;
    }

    private record Step(GaussianHmm next, double logLikelihood) {
    }

    /** One EM iteration: E step by scaled forward–backward, M step in closed form. */
    private Step step(double[][] obs) {
        int n = obs.length;
        int k = states();
        int dim = obs[0].length;
        double[] shift = new double[n];
        double[][] b = emissions(obs, shift);
        double[][] alpha = new double[n][k];
        double[] scale = new double[n];
        double ll = forward(b, shift, alpha, scale);
        double[][] beta = new double[n][k];
        Arrays.fill(beta[n - 1], 1.0);
        for (int t = n - 2; t >= 0; t--) {
            for (int i = 0; i < k; i++) {
                double s = 0;
                for (int j = 0; j < k; j++) {
                    s += transition[i][j] * b[t + 1][j] * beta[t + 1][j];
                }
                beta[t][i] = s / scale[t + 1];
            }
        }
        double[][] xiSum = new double[k][k];
        double[] gammaSum = new double[k];
        double[] gammaSumButLast = new double[k];
        double[][] meanAcc = new double[k][dim];
        double[][] sqAcc = new double[k][dim];
        double[] pi = new double[k];
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < k; i++) {
                double g = alpha[t][i] * beta[t][i];
                gammaSum[i] += g;
                if (t < n - 1) {
                    gammaSumButLast[i] += g;
                    for (int j = 0; j < k; j++) {
                        xiSum[i][j] += alpha[t][i] * transition[i][j] * b[t + 1][j] * beta[t + 1][j] / scale[t + 1];
                    }
                }
                for (int d = 0; d < dim; d++) {
                    meanAcc[i][d] += g * obs[t][d];
                    sqAcc[i][d] += g * obs[t][d] * obs[t][d];
                }
            }
        }
        // π is the average state occupancy rather than the posterior of the first observation: the model is
        // applied to other sequences, which may start in any state (a one-hot π would rule states out).
        for (int i = 0; i < k; i++) {
            pi[i] = Math.max(1e-6, gammaSum[i] / n);
        }
        double piSum = Arrays.stream(pi).sum();
        for (int i = 0; i < k; i++) {
            pi[i] /= piSum;
        }
        double[][] a = new double[k][k];
        double[][] mu = new double[k][dim];
        double[][] var = new double[k][dim];
        for (int i = 0; i < k; i++) {
            double rowSum = 0;
            for (int j = 0; j < k; j++) {
                rowSum += xiSum[i][j];
            }
            for (int j = 0; j < k; j++) {
                a[i][j] = rowSum > 0 ? xiSum[i][j] / rowSum : 1.0 / k;
            }
            for (int d = 0; d < dim; d++) {
                if (gammaSum[i] > 1e-12) {
                    mu[i][d] = meanAcc[i][d] / gammaSum[i];
                    var[i][d] = Math.max(MIN_VARIANCE, sqAcc[i][d] / gammaSum[i] - mu[i][d] * mu[i][d]);
                } else {
                    mu[i][d] = means[i][d];
                    var[i][d] = variances[i][d];
                }
            }
        }
        return new Step(new GaussianHmm(pi, a, mu, var), ll);
    }
}
