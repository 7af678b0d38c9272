package com.forexdiffusion.forecast;

import com.forexdiffusion.core.Horizon;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SampleStatisticsTest {
    @Test
    void quantilesAndStdOfFourSamplesByHand() {
        // Sorted 1,2,3,4: q05 at position 0.15 -> 1.15; q50 at 1.5 -> 2.5; q95 at 2.85 -> 3.85.
        // Mean 2.5; unbiased variance ((1.5² + 0.5²) · 2) / 3 = 5/3.
        HorizonForecast f = SampleStatistics.fromPrices(new Horizon(15), 0, new double[]{3, 1, 4, 2},
                new double[]{0.25}, true);
        assertThat(f.q05()).isCloseTo(1.15, within(1e-12));
        assertThat(f.q50()).isCloseTo(2.5, within(1e-12));
        assertThat(f.q95()).isCloseTo(3.85, within(1e-12));
        assertThat(f.quantile(0.25)).isCloseTo(1.75, within(1e-12));
        assertThat(f.mean()).isEqualTo(2.5);
        assertThat(f.std()).isCloseTo(Math.sqrt(5.0 / 3.0), within(1e-12));
        assertThat(f.samples()).containsExactly(3, 1, 4, 2);
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
