package com.forexdiffusion.trading.optimisation.sampler;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** EI in closed form against E[max(best − Y, 0)] integrated numerically over the normal density. */
class ExpectedImprovementTest {
    /** Simpson's rule from μ − 12σ to best (the integrand is 0 above it) with 20 000 intervals. */
    private static double integrated(double mu, double sigma, double best) {
        int n = 20_000;
        double a = mu - 12 * sigma;
        double b = best;
        if (b <= a) {
            return 0;
        }
        double h = (b - a) / n;
        double s = 0;
        for (int i = 0; i <= n; i++) {
            double y = a + i * h;
            double f = Math.max(best - y, 0) * Math.exp(-0.5 * Math.pow((y - mu) / sigma, 2))
                    / (sigma * Math.sqrt(2 * Math.PI));
            s += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * f;
        }
        return s * h / 3;
    }

    @ParameterizedTest
    @CsvSource({"0, 1, 0", "0.5, 0.2, 0", "-1, 0.3, 0", "2, 1.5, -0.5", "0, 0.01, 0.003", "3, 0.5, 0"})
    void closedFormEqualsTheIntegral(double mu, double sigma, double best) {
        assertThat(ExpectedImprovement.of(mu, sigma, best)).isCloseTo(integrated(mu, sigma, best), within(1e-8));
    }

    @Test
    void knownValues() {
        // At μ = best: EI = σφ(0) = σ / √(2π).
        assertThat(ExpectedImprovement.of(1, 2, 1)).isCloseTo(2 / Math.sqrt(2 * Math.PI), within(1e-12));
        // Without uncertainty: the sure improvement, or nothing.
        assertThat(ExpectedImprovement.of(0.2, 0, 1)).isEqualTo(0.8);
        assertThat(ExpectedImprovement.of(1.2, 0, 1)).isEqualTo(0);
    }
}
