package com.forexdiffusion.forecast;

import com.forexdiffusion.core.Horizon;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SampleStatisticsTest {
    @Test
    void quantilesAndStdOfFourSamplesByHand() {
        // Sorted 1,2,3,4, 1-based positions 5p: q05 at 0.25 -> clamped to 1; q50 at 2.5 -> 2.5; q95 at 4.75 ->
        // clamped to 4; q25 at 1.25 -> 1.25. Mean 2.5; unbiased variance ((1.5² + 0.5²) · 2) / 3 = 5/3.
        HorizonForecast f = SampleStatistics.fromPrices(new Horizon(15), 0, new double[]{3, 1, 4, 2},
                new double[]{0.25}, true);
        assertThat(f.q05()).isEqualTo(1);
        assertThat(f.q50()).isCloseTo(2.5, within(1e-12));
        assertThat(f.q95()).isEqualTo(4);
        assertThat(f.quantile(0.25)).isCloseTo(1.25, within(1e-12));
        assertThat(f.mean()).isEqualTo(2.5);
        assertThat(f.std()).isCloseTo(Math.sqrt(5.0 / 3.0), within(1e-12));
        assertThat(f.samples()).containsExactly(3, 1, 4, 2);
    }

    @Test
    void fiftyDrawsGiveAnIntervalThatCoversANewDrawNinetyPercentOfTheTime() {
        // A new draw from the law of the 50 draws falls at or below the k-th of them with probability k/51, so
        // the predictive [q05, q95] (positions 2.55 and 48.45) covers it 45.9/51 = 90.0 % of the time, and numpy's
        // (positions 3.45 and 47.55) 44.1/51 = 86.5 %.
        java.util.Random rnd = new java.util.Random(7);
        int trials = 100_000;
        int predictive = 0;
        int numpy = 0;
        double[] draws = new double[50];
        for (int t = 0; t < trials; t++) {
            for (int i = 0; i < draws.length; i++) {
                draws[i] = rnd.nextGaussian();
            }
            java.util.Arrays.sort(draws);
            double y = rnd.nextGaussian();
            predictive += inside(SampleStatistics.predictiveQuantileSorted(draws, 0.05),
                    SampleStatistics.predictiveQuantileSorted(draws, 0.95), y);
            numpy += inside(SampleStatistics.quantileSorted(draws, 0.05), SampleStatistics.quantileSorted(draws, 0.95), y);
        }
        // Binomial standard error at 100 000 trials: 0.001.
        assertThat(predictive / (double) trials).isCloseTo(0.900, within(0.004));
        assertThat(numpy / (double) trials).isCloseTo(44.1 / 51, within(0.004));
    }

    private static int inside(double lo, double hi, double y) {
        return lo <= y && y <= hi ? 1 : 0;
    }

    @Test
    void aSingleSampleHasZeroSpread() {
        HorizonForecast f = SampleStatistics.fromPrices(new Horizon(60), 0, new double[]{1.2345}, new double[0], false);
        assertThat(f.std()).isZero();
        assertThat(f.q05()).isEqualTo(1.2345);
        assertThat(f.q95()).isEqualTo(1.2345);
        assertThat(f.samples()).isNull();
    }

    @Test
    void logReturnsBecomePricesBeforeAnyStatistic() {
        double[] r = {Math.log(1.01), Math.log(0.99)};
        HorizonForecast f = SampleStatistics.fromLogReturns(new Horizon(15), 0, 2.0, r, new double[0], false);
        assertThat(f.mean()).isCloseTo(2.0, within(1e-12));
        assertThat(f.std()).isCloseTo(Math.sqrt(2 * 0.02 * 0.02), within(1e-12));
        assertThat(f.uncertaintyPct(2.0)).isCloseTo(100 * Math.sqrt(2 * 0.02 * 0.02) / 2.0, within(1e-12));
    }

    @Test
    void crossingQuantilesAreRejected() {
        java.util.TreeMap<Double, Double> q = new java.util.TreeMap<>(java.util.Map.of(0.05, 1.2, 0.5, 1.1, 0.95, 1.3));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HorizonForecast(new Horizon(15), 0, 1.1, 0.1, q,
                null)).hasMessageContaining("decrease");
    }
}
