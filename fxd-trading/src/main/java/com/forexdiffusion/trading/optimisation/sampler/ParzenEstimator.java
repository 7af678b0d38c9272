package com.forexdiffusion.trading.optimisation.sampler;

import org.hipparchus.random.RandomGenerator;
import org.hipparchus.special.Erf;

/**
 * A mixture of product kernels over some dimensions of the unit cube: one component per observation plus a broad
 * prior (centre 0.5, σ 1, uniform over choices), equally weighted. Numeric dimensions use normal kernels truncated to
 * [0, 1]; categorical dimensions a distribution over the choices that puts most of its mass on the observed one.
 */
final class ParzenEstimator {
    private final int[] choices;     // per dimension: 0 for numeric, else the number of choices
    private final double[][] mu;     // [component][dim]: centre, or the observed choice index
    private final double[][] sigma;  // [component][dim]: bandwidth (numeric dims)
    private final double[][][] cat;  // [component][dim][choice]: probabilities (categorical dims)
    private final double[][] logNorm; // [component][dim]: log of σ√(2π) times the kernel's mass inside [0, 1]

    private ParzenEstimator(int[] choices, double[][] mu, double[][] sigma, double[][][] cat) {
        this.choices = choices;
        this.mu = mu;
        this.sigma = sigma;
        this.cat = cat;
        // The truncation mass does not depend on x: computed once, not per density evaluation.
        this.logNorm = new double[mu.length][choices.length];
        for (int j = 0; j < mu.length; j++) {
            for (int k = 0; k < choices.length; k++) {
                if (choices[k] == 0) {
                    logNorm[j][k] = logNormaliser(mu[j][k], sigma[j][k]);
                }
            }
        }
    }

    /**
     * @param points   observations in unit coordinates, categorical dims holding the choice index
     * @param choices  per dimension 0 (numeric) or the number of choices
     * @param neighbourBandwidth one-dimensional estimators: each kernel as wide as the larger gap to its sorted
     *                 neighbours (Bergstra et al. 2011); otherwise the multivariate rule 0.2·n^(-1/(d+4))
     */
    static ParzenEstimator fit(double[][] points, int[] choices, boolean neighbourBandwidth) {
        int n = points.length;
        int d = choices.length;
        int m = n + 1;
        double[][] mu = new double[m][d];
        double[][] sigma = new double[m][d];
        double[][][] cat = new double[m][d][];
        double scott = 0.2 * Math.pow(Math.max(n, 1), -1.0 / (d + 4));
        double minSigma = 1.0 / Math.min(100, n + 1);
        for (int k = 0; k < d; k++) {
            double[] bw = choices[k] == 0 && neighbourBandwidth ? neighbourWidths(points, k, minSigma) : null;
            for (int j = 0; j < m; j++) {
                boolean prior = j == n;
                if (choices[k] == 0) {
                    mu[j][k] = prior ? 0.5 : points[j][k];
                    sigma[j][k] = prior ? 1.0 : bw != null ? bw[j] : Math.max(scott, minSigma);
                } else {
                    cat[j][k] = categorical(choices[k], prior ? -1 : (int) points[j][k], n);
                }
            }
        }
        return new ParzenEstimator(choices, mu, sigma, cat);
    }

    /** The prior's mass is spread over the choices; an observation's kernel keeps 1/(n+1) of it spread too. */
    private static double[] categorical(int k, int observed, int n) {
        double[] p = new double[k];
        double spread = observed < 0 ? 1.0 : 1.0 / (n + 1);
        for (int c = 0; c < k; c++) {
            p[c] = spread / k + (c == observed ? 1 - spread : 0);
        }
        return p;
    }

    private static double[] neighbourWidths(double[][] points, int k, double minSigma) {
        int n = points.length;
        Integer[] order = new Integer[n + 1];
        double[] x = new double[n + 1];
        for (int j = 0; j < n; j++) {
            x[j] = points[j][k];
            order[j] = j;
        }
        x[n] = 0.5;
        order[n] = n;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] bw = new double[n + 1];
        for (int r = 0; r <= n; r++) {
            double left = r == 0 ? x[order[r]] : x[order[r]] - x[order[r - 1]];
            double right = r == n ? 1 - x[order[r]] : x[order[r + 1]] - x[order[r]];
            bw[order[r]] = Math.min(1.0, Math.max(minSigma, Math.max(left, right)));
        }
        return bw;
    }

    /** A draw: pick a component, then each dimension from that component's kernel. */
    double[] sample(RandomGenerator rng) {
        int j = rng.nextInt(mu.length);
        double[] x = new double[choices.length];
        for (int k = 0; k < choices.length; k++) {
            x[k] = choices[k] == 0 ? truncatedNormal(mu[j][k], sigma[j][k], rng) : draw(cat[j][k], rng);
        }
        return x;
    }

    double logDensity(double[] x) {
        double[] terms = new double[mu.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < mu.length; j++) {
            double s = 0;
            for (int k = 0; k < choices.length; k++) {
                if (choices[k] == 0) {
                    double z = (x[k] - mu[j][k]) / sigma[j][k];
                    s += -0.5 * z * z - logNorm[j][k];
                } else {
                    s += Math.log(cat[j][k][(int) x[k]]);
                }
            }
            terms[j] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum / mu.length);
    }

    private static double truncatedNormal(double mu, double sigma, RandomGenerator rng) {
        for (int tries = 0; tries < 1000; tries++) {
            double v = mu + sigma * rng.nextGaussian();
            if (v >= 0 && v <= 1) {
                return v;
            }
        }
        return Math.max(0, Math.min(1, mu));
    }

    private static int draw(double[] p, RandomGenerator rng) {
        double u = rng.nextDouble();
        double c = 0;
        for (int i = 0; i < p.length; i++) {
            c += p[i];
            if (u < c) {
                return i;
            }
        }
        return p.length - 1;
    }

    /** log(σ√(2π)·P(0 <= X <= 1)) for X ~ N(μ, σ²): the normal density truncated to [0, 1] divides by it. */
    static double logNormaliser(double mu, double sigma) {
        double mass = 0.5 * (Erf.erf((1 - mu) / (sigma * Math.sqrt(2))) - Erf.erf(-mu / (sigma * Math.sqrt(2))));
        return Math.log(sigma * Math.sqrt(2 * Math.PI)) + Math.log(Math.max(mass, 1e-300));
    }
}
