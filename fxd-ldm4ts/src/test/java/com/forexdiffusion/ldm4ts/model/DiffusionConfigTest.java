package com.forexdiffusion.ldm4ts.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiffusionConfigTest {

    @Test
    void oneStepIsASingleUnetPassFromHalfTheSchedule() {
        DiffusionConfig d = DiffusionConfig.oneStep();
        // timesteps(2) = [500, 0]; strength 0.6 keeps both (≤ 599); the t = 0 step is dropped
        assertThat(d.inferenceTimesteps(d.scheduler())).containsExactly(500);
        DiffusionConfig keep = new DiffusionConfig(1000, d.betaSchedule(), "ddim", 2, 0, 0.6, 1, false);
        assertThat(keep.inferenceTimesteps(keep.scheduler())).containsExactly(500, 0);
        // the old path: 10 steps from strength 0.5 → 400, 300, 200, 100, 0
        DiffusionConfig old = DiffusionConfig.of(10);
        assertThat(old.inferenceTimesteps(old.scheduler())).containsExactly(400, 300, 200, 100, 0);
    }

    @Test
    void samplesShareTheDiffusionDrawsThatDivideThem() {
        assertThat(DiffusionConfig.oneStep().drawsFor(50)).isEqualTo(1);
        assertThat(DiffusionConfig.oneStep().withDraws(5).drawsFor(50)).isEqualTo(5);
        assertThat(DiffusionConfig.oneStep().withDraws(4).drawsFor(50)).isEqualTo(2);
        // 0: checkpoints before the sample head, one diffusion noise per sample
        assertThat(DiffusionConfig.of(10).drawsFor(50)).isEqualTo(50);
        assertThatThrownBy(() -> DiffusionConfig.oneStep().withDraws(-1)).hasMessageContaining("draws");
    }
}
