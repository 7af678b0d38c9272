package com.forexdiffusion.trading.signal;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.HorizonForecast;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SignalGeneratorTest {
    static HorizonForecast h(int minutes, double mean, double std, double q05, double q95) {
        TreeMap<Double, Double> q = new TreeMap<>();
        q.put(0.05, q05);
        q.put(0.5, mean);
        q.put(0.95, q95);
        return new HorizonForecast(new Horizon(minutes), minutes * 60_000L, mean, std, q, null);
    }

    static Forecast forecast(double close, HorizonForecast... hs) {
        return new Forecast("EURUSD", Timeframe.M15, 0, close, List.of(hs), 12, "test", "1");
    }

    @Test
    void bullBearAndNeutralByHand() {
        Forecast f = forecast(1.1000,
                h(15, 1.1006, 0.0010, 1.0990, 1.1022),   // Δ = +0.0006, σ = 0.0010: strength 0.6
                h(60, 1.0970, 0.0020, 1.0940, 1.1005),   // Δ = −0.0030 > σ: strength capped at 1
                h(240, 1.1000, 0.0030, 1.0950, 1.1050));
        List<Signal> s = SignalGenerator.defaults().signals(f);
        assertThat(s.get(0).direction()).isEqualTo(Direction.BULL);
        assertThat(s.get(0).strength()).isCloseTo(0.6, within(1e-9));
        assertThat(s.get(0).entry()).isEqualTo(1.1);
        assertThat(s.get(0).target()).isEqualTo(1.1006);
        assertThat(s.get(0).stop()).isEqualTo(1.0990);
        assertThat(s.get(0).validUntil()).isEqualTo(15 * 60_000L);
        assertThat(s.get(0).metadata().uncertaintyPct()).isCloseTo(100 * 0.001 / 1.1, within(1e-12));
        assertThat(s.get(1).direction()).isEqualTo(Direction.BEAR);
        assertThat(s.get(1).strength()).isEqualTo(1.0);
        assertThat(s.get(1).stop()).isEqualTo(1.1005);
        assertThat(s.get(2).direction()).isEqualTo(Direction.NEUTRAL);
        assertThat(s.get(2).strength()).isZero();
        assertThat(s.get(0).id()).isEqualTo("EURUSD-M15-0-15");
    }

    @Test
    void uncertaintyAboveHalfAPercentIsPenalised() {
        // σ = 0.0077 at 1.1 is u = 0.7%: strength min(0.0066 / 0.0077, 1) · (1 − 0.7 / 1.0).
        Forecast f = forecast(1.1, h(15, 1.1066, 0.0077, 1.09, 1.12));
        Signal s = SignalGenerator.defaults().signals(f).get(0);
        assertThat(s.metadata().uncertaintyPct()).isCloseTo(0.7, within(1e-9));
        assertThat(s.strength()).isCloseTo(0.0066 / 0.0077 * 0.3, within(1e-9));
        SignalGenerator g = SignalGenerator.defaults();
        assertThat(g.uncertaintyPenalty(0.5)).isEqualTo(1.0);
        assertThat(g.uncertaintyPenalty(0.51)).isCloseTo(0.49, within(1e-12));
        assertThat(g.uncertaintyPenalty(1.2)).isZero();
    }
}
