package com.forexdiffusion.trading.optimisation.sampler;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The GP posterior on three points, computed by hand here: kernel values, a 3×3 inverse by cofactors. */
class GaussianProcessTest {
    private static final double[] X = {0, 0.5, 1};
    private static final double[] Y = {1, -1, 2};

    /** Matérn 5/2 with s² = 1, ℓ = 0.5, written out from its definition. */
    private static double k(double a, double b) {
        double r = Math.abs(a - b) / 0.5;
        return (1 + Math.sqrt(5) * r + 5 * r * r / 3) * Math.exp(-Math.sqrt(5) * r);
    }

    private static double[][] inverse3(double[][] m) {
        double a = m[0][0], b = m[0][1], c = m[0][2], d = m[1][0], e = m[1][1], f = m[1][2], g = m[2][0],
                h = m[2][1], i = m[2][2];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        double[][] adj = {{e * i - f * h, c * h - b * i, b * f - c * e}, {f * g - d * i, a * i - c * g, c * d - a * f},
                {d * h - e * g, b * g - a * h, a * e - b * d}};
        for (double[] row : adj) {
            for (int j = 0; j < 3; j++) {
                row[j] /= det;
            }
        }
        return adj;
    }

    private static GaussianProcess gp() {
        double[][] x = {{X[0]}, {X[1]}, {X[2]}};
        return GaussianProcess.fit(x, Y, new Matern52(1.0, new double[]{0.5}), 0.0);
    }

    @Test
    void posteriorMeanAndVarianceMatchTheHandComputation() {
        double[][] kk = new double[3][3];
        double[] ks = new double[3];
        for (int i = 0; i < 3; i++) {
            ks[i] = k(0.25, X[i]);
            for (int j = 0; j < 3; j++) {
                kk[i][j] = k(X[i], X[j]);
            }
        }
        double[][] inv = inverse3(kk);
        double mean = 0;
        double quad = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                mean += ks[i] * inv[i][j] * Y[j];
                quad += ks[i] * inv[i][j] * ks[j];
            }
        }
        GaussianProcess.Prediction p = gp().predict(new double[]{0.25});
        assertThat(p.mean()).isCloseTo(mean, within(1e-10));
        assertThat(p.variance()).isCloseTo(1 - quad, within(1e-10));
        // The same figures as numbers, so a wrong kernel in both places would still fail.
        assertThat(p.mean()).isCloseTo(-0.3096437, within(1e-6));
        assertThat(p.variance()).isCloseTo(0.0903663, within(1e-6));
        assertThat(kk[0][1]).isCloseTo(0.5239941, within(1e-6));
    }

    @Test
    void withoutNoiseItInterpolatesTheData() {
        for (int i = 0; i < 3; i++) {
            GaussianProcess.Prediction p = gp().predict(new double[]{X[i]});
            assertThat(p.mean()).isCloseTo(Y[i], within(1e-9));
            assertThat(p.variance()).isCloseTo(0, within(1e-9));
        }
        // Far from the data the prior comes back: mean 0, variance s².
        GaussianProcess.Prediction far = gp().predict(new double[]{50});
        assertThat(far.mean()).isCloseTo(0, within(1e-9));
        assertThat(far.variance()).isCloseTo(1, within(1e-9));
    }

    @Test
    void logMarginalLikelihoodMatchesTheHandComputation() {
        double[][] kk = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                kk[i][j] = k(X[i], X[j]);
            }
        }
        double[][] inv = inverse3(kk);
        double fit = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                fit += Y[i] * inv[i][j] * Y[j];
            }
        }
        double det = kk[0][0] * (kk[1][1] * kk[2][2] - kk[1][2] * kk[2][1])
                - kk[0][1] * (kk[1][0] * kk[2][2] - kk[1][2] * kk[2][0])
                + kk[0][2] * (kk[1][0] * kk[2][1] - kk[1][1] * kk[2][0]);
        double expected = -0.5 * fit - 0.5 * Math.log(det) - 1.5 * Math.log(2 * Math.PI);
        assertThat(gp().logMarginalLikelihood()).isCloseTo(expected, within(1e-10));
    }
}
