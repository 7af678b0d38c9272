package com.forexdiffusion.ldm4ts.compute;

import com.forexdiffusion.core.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComputeSettingsTest {
    @Test
    void defaultsAreAutoAndOneThreadPerCore() {
        ComputeSettings s = ComputeSettings.fromEnvironment(Map.of(), 6);
        assertThat(s.device()).isEqualTo(ComputeSettings.Choice.AUTO);
        assertThat(s.threads()).isEqualTo(6);
    }

    @Test
    void variablesAreReadCaseInsensitively() {
        ComputeSettings s = ComputeSettings.fromEnvironment(Map.of("FXD_DEVICE", " CPU ", "FXD_THREADS", "3"), 2);
        assertThat(s.device()).isEqualTo(ComputeSettings.Choice.CPU);
        assertThat(s.threads()).isEqualTo(3);
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> ComputeSettings.fromEnvironment(Map.of("FXD_THREADS", "two"), 2))
                .isInstanceOf(BadInputException.class).hasMessageContaining("FXD_THREADS").hasMessageContaining("two");
        assertThatThrownBy(() -> ComputeSettings.fromEnvironment(Map.of("FXD_THREADS", "0"), 2))
                .isInstanceOf(BadInputException.class).hasMessageContaining("FXD_THREADS");
        assertThatThrownBy(() -> ComputeSettings.fromEnvironment(Map.of("FXD_DEVICE", "tpu"), 2))
                .isInstanceOf(BadInputException.class).hasMessageContaining("FXD_DEVICE").hasMessageContaining("tpu");
    }
}
