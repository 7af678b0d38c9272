package com.forexdiffusion.trading.regime;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GaussianHmmTest {
    static final GaussianHmm TWO = new GaussianHmm(new double[]{0.6, 0.4},
            new double[][]{{0.95, 0.05}, {0.10, 0.90}},
            new double[][]{{-1.0}, {2.0}}, new double[][]{{0.5}, {1.0}});

    static double density(double x, double mean, double var) {
        return Math.exp(-(x - mean) * (x - mean) / (2 * var)) / Math.sqrt(2 * Math.PI * var);
    }

    @Test
    void forwardAgreesWithBruteForceEnumerationOfAllPaths() {
        double[] o = {-0.7, 1.5, 2.2, -1.1};
        double total = 0;
        for (int path = 0; path < 16; path++) {
            int prev = -1;
            double p = 1;
            for (int t = 0; t < 4; t++) {
                int s = (path >> t) & 1;
                p *= (t == 0 ? TWO.initial()[s] : TWO.transition()[prev][s])
                        * density(o[t], TWO.means()[s][0], TWO.variances()[s][0]);
                prev = s;
            }
            total += p;
        }
        double[][] obs = {{o[0]}, {o[1]}, {o[2]}, {o[3]}};
        assertThat(TWO.logLikelihood(obs)).isCloseTo(Math.log(total), within(1e-12));
        // The filtered posterior at t = 0 is Bayes' rule on π.
        double p0 = 0.6 * density(o[0], -1, 0.5);
        double p1 = 0.4 * density(o[0], 2, 1.0);
        assertThat(TWO.filtered(obs)[0][0]).isCloseTo(p0 / (p0 + p1), within(1e-12));
    }

    static double[][] simulate(GaussianHmm m, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] out = new double[n][m.means()[0].length];
        int s = r.nextDouble() < m.initial()[0] ? 0 : 1;
        for (int t = 0; t < n; t++) {
            if (t > 0) {
                double u = r.nextDouble();
                int next = 0;
                double c = m.transition()[s][0];
                while (u > c && next < m.states() - 1) {
                    next++;
                    c += m.transition()[s][next];
                }
                s = next;
            }
            for (int d = 0; d < out[t].length; d++) {
                out[t][d] = m.means()[s][d] + Math.sqrt(m.variances()[s][d]) * r.nextGaussian();
            }
        }
        return out;
    }

    @Test
    void baumWelchRecoversATwoStateModel() {
        double[][] obs = simulate(TWO, 6000, 3);
        GaussianHmm fit = GaussianHmm.fit(obs, 2, 7, 200, 1e-9);
        int lo = fit.means()[0][0] < fit.means()[1][0] ? 0 : 1;
        int hi = 1 - lo;
        assertThat(fit.means()[lo][0]).isCloseTo(-1.0, within(0.08));
        assertThat(fit.means()[hi][0]).isCloseTo(2.0, within(0.08));
        assertThat(fit.variances()[lo][0]).isCloseTo(0.5, within(0.08));
        assertThat(fit.variances()[hi][0]).isCloseTo(1.0, within(0.12));
        assertThat(fit.transition()[lo][lo]).isCloseTo(0.95, within(0.02));
        assertThat(fit.transition()[hi][hi]).isCloseTo(0.90, within(0.03));
        assertThat(fit.logLikelihood(obs)).isGreaterThan(TWO.logLikelihood(obs) - 5);
    }

    @Test
    void baumWelchRecoversFourWellSeparatedStates() {
        double[][] a = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                a[i][j] = i == j ? 0.94 : 0.02;
            }
        }
        GaussianHmm truth = new GaussianHmm(new double[]{0.25, 0.25, 0.25, 0.25}, a,
                new double[][]{{0, 0}, {4, 0}, {0, 4}, {4, 4}},
                new double[][]{{0.3, 0.3}, {0.3, 0.3}, {0.3, 0.3}, {0.3, 0.3}});
        double[][] obs = simulate(truth, 8000, 5);
        GaussianHmm fit = GaussianHmm.fit(obs, 4, 11, 300, 1e-9);
        for (int s = 0; s < 4; s++) {
            double[] m = truth.means()[s];
            int match = -1;
            for (int f = 0; f < 4; f++) {
                if (Math.hypot(fit.means()[f][0] - m[0], fit.means()[f][1] - m[1]) < 0.15) {
                    match = f;
                }
            }
            assertThat(match).as("state with mean (%s, %s)", m[0], m[1]).isNotNegative();
            assertThat(fit.transition()[match][match]).isCloseTo(0.94, within(0.03));
        }
    }

    @Test
    void theSameSeedGivesTheSameFit() {
        double[][] obs = simulate(TWO, 1000, 9);
        assertThat(GaussianHmm.fit(obs, 2, 1, 50, 1e-9).means()).isDeepEqualTo(GaussianHmm.fit(obs, 2, 1, 50, 1e-9).means());
    }

    @Test
    void aConstantFeatureDoesNotBreakTheFit() {
        double[][] obs = simulate(TWO, 1000, 4);
        double[][] withConstant = new double[obs.length][];
        for (int t = 0; t < obs.length; t++) {
            withConstant[t] = new double[]{obs[t][0], 0.0};
        }
        GaussianHmm fit = GaussianHmm.fit(withConstant, 2, 1, 100, 1e-9);
        assertThat(fit.logLikelihood(withConstant)).isFinite();
    }
}
