package com.forexdiffusion.trading.optimisation.overfitting;

import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BacktestOverfittingTest {
    /**
     * Three trials on four folds, the six splits worked out by hand (sums over a side; IS → winner → OOS sums → rank):
     * A = [1, 2, 3.2, 5], B = [5, 3, 2, 0.5], C = [2.4, 2.4, 2.4, 2.4].
     * IS {0,1}: A 3, B 8, C 4.8 → B; OOS {2,3}: A 8.2, B 2.5, C 4.8 → B rank 1 → ω 1/4, overfit.
     * IS {0,2}: A 4.2, B 7, C 4.8 → B; OOS {1,3}: A 7, B 3.5, C 4.8 → B rank 1, overfit.
     * IS {0,3}: A 6, B 5.5, C 4.8 → A; OOS {1,2}: A 5.2, B 5, C 4.8 → A rank 3 → ω 3/4, not.
     * IS {1,2}: A 5.2, B 5, C 4.8 → A; OOS {0,3}: A 6, B 5.5, C 4.8 → A rank 3, not.
     * IS {1,3}: A 7, B 3.5, C 4.8 → A; OOS {0,2}: A 4.2, B 7, C 4.8 → A rank 1, overfit.
     * IS {2,3}: A 8.2, B 2.5, C 4.8 → A; OOS {0,1}: A 3, B 8, C 4.8 → A rank 1, overfit.
     * PBO = 4/6.
     */
    @Test
    void handWorkedExample() {
        double[][] perf = {{1, 2, 3.2, 5}, {5, 3, 2, 0.5}, {2.4, 2.4, 2.4, 2.4}};
        BacktestOverfitting.Result r = BacktestOverfitting.cscv(perf);
        assertThat(r.pbo()).isCloseTo(4.0 / 6, within(1e-12));
        double low = Math.log((1 / 4.0) / (3 / 4.0));
        double high = Math.log((3 / 4.0) / (1 / 4.0));
        assertThat(r.logits()).containsExactly(low, low, high, high, low, low);
    }

    @Test
    void aTrialBestInEveryFoldIsNotOverfit() {
        double[][] perf = new double[10][6];
        Well19937c rng = new Well19937c(3);
        for (int t = 0; t < perf.length; t++) {
            for (int b = 0; b < 6; b++) {
                perf[t][b] = t == 7 ? 10 + rng.nextDouble() : rng.nextDouble();
            }
        }
        assertThat(BacktestOverfitting.cscv(perf).pbo()).isZero();
    }

    @Test
    void skillFreeTrialsAreOverfitAboutHalfTheTime() {
        double sum = 0;
        int runs = 40;
        for (int seed = 0; seed < runs; seed++) {
            Well19937c rng = new Well19937c(seed);
            double[][] perf = new double[50][8];
            for (double[] row : perf) {
                for (int b = 0; b < row.length; b++) {
                    row[b] = rng.nextGaussian();
                }
            }
            sum += BacktestOverfitting.cscv(perf).pbo();
        }
        // Without skill the in-sample winner's out-of-sample rank is uniform: PBO ≈ 1/2 on average.
        assertThat(sum / runs).isBetween(0.4, 0.6);
    }

    @Test
    void anOddFoldCountDropsTheEarliestFold() {
        double[][] perf = {{100, 1, 2, 3.2, 5}, {-100, 5, 3, 2, 0.5}, {0, 2.4, 2.4, 2.4, 2.4}};
        BacktestOverfitting.Result r = BacktestOverfitting.cscv(perf);
        assertThat(r.blocks()).isEqualTo(4);
        assertThat(r.pbo()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(BacktestOverfitting.halves(6)).hasSize(20);
    }
}
