package com.forexdiffusion.trading.optimisation.importance;

import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RegressionForestTest {
    @Test
    void theFeatureThatDrivesTheTargetIsTheImportantOne() {
        Well19937c rng = new Well19937c(1);
        int n = 120;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                x[i][k] = rng.nextDouble();
            }
            // Mostly x1, a little x2, nothing of x0.
            y[i] = 10 * x[i][1] + 2 * x[i][2] * x[i][2] + 0.05 * rng.nextGaussian();
        }
        RegressionForest f = RegressionForest.fit(x, y, 60, 8, 2, 7);
        double[] imp = f.permutationImportance(x, y, 3, 11);
        assertThat(imp[0] + imp[1] + imp[2]).isCloseTo(1, within(1e-12));
        assertThat(imp[1]).isGreaterThan(0.7);
        assertThat(imp[2]).isGreaterThan(imp[0]);
        // The fit itself: the forest tracks the target closely inside the data.
        assertThat(f.predict(new double[]{0.5, 0.8, 0.5})).isCloseTo(8.5, within(1.5));
    }

    @Test
    void theSameSeedGrowsTheSameForest() {
        double[][] x = {{0.1, 0.2}, {0.4, 0.9}, {0.8, 0.3}, {0.5, 0.5}, {0.9, 0.1}, {0.2, 0.7}};
        double[] y = {1, 3, 2, 2.5, 1.5, 2};
        RegressionForest a = RegressionForest.fit(x, y, 10, 4, 1, 3);
        RegressionForest b = RegressionForest.fit(x, y, 10, 4, 1, 3);
        assertThat(a.predict(new double[]{0.3, 0.6})).isEqualTo(b.predict(new double[]{0.3, 0.6}));
    }
}
