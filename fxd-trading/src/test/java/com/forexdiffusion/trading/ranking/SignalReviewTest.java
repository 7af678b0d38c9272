package com.forexdiffusion.trading.ranking;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.trading.quality.QualityDimension;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A review agrees with the ranker's filter and names every reason a signal fails it. */
class SignalReviewTest {
    private static HorizonForecast h(int minutes, double mean, double std) {
        TreeMap<Double, Double> q = new TreeMap<>();
        q.put(0.05, mean - 1.645 * std);
        q.put(0.5, mean);
        q.put(0.95, mean + 1.645 * std);
        return new HorizonForecast(new Horizon(minutes), minutes * 60_000L, mean, std, q, null);
    }

    private static BarSeries bars(double lastVolume) {
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M15, 30);
        for (int i = 0; i < 30; i++) {
            b.add(i * 900_000L, 1.1, 1.1005, 1.0995, 1.1, i == 29 ? lastVolume : 100);
        }
        return b.build();
    }

    @Test
    void strongAgreeingSignalsAreAcceptedAndWeakOnesSayWhy() {
        // Three bullish horizons, two far beyond their sigma, one barely moving.
        Forecast f = new Forecast("EURUSD", Timeframe.M15, 0, 1.1, List.of(h(15, 1.1010, 0.0004),
                h(60, 1.1020, 0.0008), h(240, 1.10001, 0.002)), 1, "test", "v");
        List<SignalReview.Reviewed> r = new SignalReview(0.65, 0.3, 0.5, 20).review(f, bars(200));
        assertThat(r).hasSize(3);
        for (SignalReview.Reviewed x : r) {
            assertThat(x.quality().dimensions()).hasSize(QualityDimension.values().length);
            ScoredSignal s = new ScoredSignal(x.signal(), x.quality(), 1.0);
            assertThat(x.accepted()).isEqualTo(new SignalRanker(0.3, 5).eligible(s));
            assertThat(x.accepted()).isEqualTo(x.reasons().isEmpty());
        }
        assertThat(r.get(0).accepted()).isTrue();
        assertThat(r.get(0).quality().of(QualityDimension.VOLUME_CONFIRMATION)).isEqualTo(1.0);
        assertThat(r.get(2).accepted()).isFalse();
        assertThat(r.get(2).reasons()).anyMatch(s -> s.startsWith("strength 0.005 below the minimum 0.300"));
        // A lower uncertainty threshold penalises the same forecast: u of the 60-minute horizon is 0.073%.
        SignalReview strict = new SignalReview(0.65, 0.3, 0.05, 20);
        SignalReview.Reviewed penalised = strict.review(f, bars(200)).get(1);
        assertThat(penalised.quality().penalty()).isLessThan(1.0);
        assertThat(penalised.quality().penalty()).isEqualTo(SignalGeneratorPenalty.of(0.05, 0.1, 100 * 0.0008 / 1.1));
    }

    @Test
    void aTunedReviewNeutralisesUnsureSignalsAndWeightsStrengths() {
        // 15 min: z = 0.0010 / 0.0004 = 2.5, P = Φ(2.5) = 0.9938; 60 min: z = 0.0002 / 0.0008 = 0.25, P = 0.5987.
        Forecast f = new Forecast("EURUSD", Timeframe.M15, 0, 1.1, List.of(h(15, 1.1010, 0.0004),
                h(60, 1.1002, 0.0008)), 1, "test", "v");
        List<SignalReview.Reviewed> plain = new SignalReview(0.65, 0.3, 0.5, 20).review(f, bars(200));
        var tuning = new com.forexdiffusion.trading.engine.SignalTuning(0.65, 0.9, 1, 1, java.util.Map.of(15, 0.5));
        List<SignalReview.Reviewed> tuned = new SignalReview(0.65, 0.3, 0.5, 20, tuning).review(f, bars(200));
        assertThat(tuned.get(0).signal().direction()).isEqualTo(plain.get(0).signal().direction());
        assertThat(tuned.get(0).signal().strength()).isEqualTo(0.5 * plain.get(0).signal().strength());
        assertThat(plain.get(1).signal().direction()).isNotEqualTo(com.forexdiffusion.trading.signal.Direction.NEUTRAL);
        assertThat(tuned.get(1).signal().direction()).isEqualTo(com.forexdiffusion.trading.signal.Direction.NEUTRAL);
        assertThat(tuned.get(1).accepted()).isFalse();
        assertThat(tuned.get(1).reasons()).contains("P(direction) 0.599 below the directional confidence 0.900");
    }

    /** The penalty rule of SignalGenerator, restated: 1 − u / scale above the start, at least 0. */
    private static final class SignalGeneratorPenalty {
        static double of(double start, double scale, double u) {
            return u > start ? Math.max(0, 1 - u / scale) : 1.0;
        }
    }
}
