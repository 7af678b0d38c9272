package com.forexdiffusion.trading.skill;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.baseline.RandomWalkForecaster;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate's random walk is rw-ewma's own forecast, bar for bar, in any order of asking. */
class RandomWalkReferenceTest {
    static BarSeries walk(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M15, n);
        double p = 1.1;
        for (int i = 0; i < n; i++) {
            double next = p * Math.exp(0.001 * rnd.nextGaussian());
            b.add(1_700_000_000_000L + i * 900_000L, p, Math.max(p, next), Math.min(p, next), next, 100);
            p = next;
        }
        return b.build();
    }

    @Test
    void equalsTheRwEwmaBaselineOnTheSameWindow() {
        BarSeries s = walk(3, 900);
        int lookback = 300;
        RandomWalkReference ref = new RandomWalkReference(lookback, 0.94);
        RandomWalkForecaster rw = RandomWalkForecaster.ewma(lookback, 0.94);
        for (Horizon h : List.of(new Horizon(15), new Horizon(60))) {
            // Windows shorter than the lookback at the start, full ones later, and one asked out of order.
            for (int index : new int[]{1, 2, 40, 299, 300, 301, 650, 899, 500}) {
                int from = Math.max(0, index - lookback + 1);
                HorizonForecast expected = rw.forecast(new ForecastRequest(s.slice(from, index + 1), List.of(h), 1, 0,
                        false)).at(h);
                HorizonForecast got = ref.at(s, index, h);
                assertThat(got.mean()).as("%s at %d", h, index).isEqualTo(expected.mean()).isEqualTo(s.close(index));
                assertThat(got.std()).as("%s at %d", h, index).isEqualTo(expected.std()).isPositive();
                assertThat(got.targetTime()).isEqualTo(expected.targetTime());
            }
        }
    }
}
