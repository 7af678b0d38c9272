package com.forexdiffusion.ldm4ts.service;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ldm4ts.model.DiffusionConfig;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamplerOverrideTest {
    private static Ldm4tsConfig compact() {
        return Ldm4tsConfig.compact("EURUSD", Timeframe.M5, List.of(15, 60, 240), 1);
    }

    @Test
    void noneKeepsTheCheckpointsSamplerAndVersion() {
        Ldm4tsConfig c = compact();
        assertThat(SamplerOverride.NONE.apply(c).diffusion()).isEqualTo(c.diffusion());
        assertThat(SamplerOverride.NONE.versionSuffix()).isEmpty();
    }

    @Test
    void stepsAndDrawsChangeOnlyHowSamplesAreDrawn() {
        Ldm4tsConfig c = compact();
        DiffusionConfig d = SamplerOverride.parse("steps=4&draws=50", "forecaster").apply(c).diffusion();
        assertThat(d.samplingSteps()).isEqualTo(4);
        assertThat(d.draws()).isEqualTo(50);
        assertThat(d.strength()).isEqualTo(c.diffusion().strength());
        // From strength 0.6 of T = 1000, four steps over the schedule (750, 500, 250, 0) leave 500 and 250: two
        // U-Net passes, the final t = 0 step dropped.
        assertThat(d.inferenceTimesteps(d.scheduler())).containsExactly(500, 250);
        assertThat(c.diffusion().inferenceTimesteps(c.diffusion().scheduler())).containsExactly(500);
        assertThat(new SamplerOverride(4, 50).versionSuffix()).isEqualTo("+steps4,draws50");
        assertThat(new SamplerOverride(0, 1).versionSuffix()).isEqualTo("+draws1");
    }

    @Test
    void badQueriesNameTheField() {
        assertThatThrownBy(() -> SamplerOverride.parse("draws=0", "forecaster"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("forecaster").hasMessageContaining("draws");
        assertThatThrownBy(() -> SamplerOverride.parse("speed=2", "forecaster"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("speed=2");
        assertThatThrownBy(() -> SamplerOverride.parse("steps=x", "forecaster"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("steps");
        assertThatThrownBy(() -> new SamplerOverride(2000, 0).apply(compact()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("sampling-steps");
    }
}
