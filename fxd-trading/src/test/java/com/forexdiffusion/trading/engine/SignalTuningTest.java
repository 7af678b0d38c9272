package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.trading.signal.Direction;
import com.forexdiffusion.trading.signal.Signal;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SignalTuningTest {
    /** A bull signal: entry 1.1000, target 1.1010, stop 1.0990, σ = 0.1% of 1.1 = 0.0011 (z = 0.0010 / 0.0011). */
    private static Signal bull() {
        return new Signal("s", "EURUSD", Timeframe.M15, 0, new Horizon(60), Direction.BULL, 0.6, 1.1, 1.101, 1.099,
                3_600_000, new Signal.Metadata(1.101, 0.0011, 0.1, 1.099, 1.101, 1.103, 0.001, 0, 0, "m"));
    }

    @Test
    void theDefaultsChangeNothing() {
        Signal s = bull();
        assertThat(SignalTuning.defaults().apply(s)).isSameAs(s);
    }

    @Test
    void multiplesMoveStopAndTargetFromTheEntry() {
        Signal s = new SignalTuning(0.65, 0, 2.0, 0.5, Map.of(60, 1.5)).apply(bull());
        assertThat(s.stop()).isCloseTo(1.098, within(1e-12));   // 1.1 − 2 × 0.001
        assertThat(s.target()).isCloseTo(1.1005, within(1e-12)); // 1.1 + 0.5 × 0.001
        assertThat(s.strength()).isCloseTo(0.9, within(1e-12));   // 0.6 × 1.5
        assertThat(s.direction()).isEqualTo(Direction.BULL);
    }

    @Test
    void aSignalBelowTheDirectionalConfidenceIsNeutral() {
        // P(up) = Φ(0.0010 / 0.0011) = Φ(0.9091) ≈ 0.8183 (normal table).
        assertThat(new SignalTuning(0.65, 0.81, 1, 1, Map.of()).apply(bull()).direction()).isEqualTo(Direction.BULL);
        assertThat(new SignalTuning(0.65, 0.83, 1, 1, Map.of()).apply(bull()).direction())
                .isEqualTo(Direction.NEUTRAL);
    }

    @Test
    void badSettingsNameTheField() {
        assertThatThrownBy(() -> new SignalTuning(1.2, 0.5, 1, 1, Map.of())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("quality_threshold");
        assertThatThrownBy(() -> new SignalTuning(0.6, 0.5, 0, 1, Map.of())).hasMessageContaining("stop_multiple");
    }
}
