package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.trading.sizing.SizingMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrategyConfigFileTest {
    @TempDir
    Path dir;

    Path write(String json) throws Exception {
        Path f = dir.resolve("strategy.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void readsValuesAndKeepsDefaultsForTheRest() throws Exception {
        StrategyConfig c = StrategyConfigFile.read(write("""
                {"horizons": [60, 240], "risk_pct": 0.5, "sizing": "kelly", "min_strength": 0.4, "daily_loss_pct": 2}
                """), StrategyConfig.defaults());
        assertThat(c.horizons()).containsExactly(new Horizon(60), new Horizon(240));
        assertThat(c.sizing().riskPct()).isEqualTo(0.5);
        assertThat(c.sizing().method()).isEqualTo(SizingMethod.KELLY);
        assertThat(c.minStrength()).isEqualTo(0.4);
        assertThat(c.risk().dailyLossPct()).isEqualTo(2);
        assertThat(c.samples()).isEqualTo(50);
        assertThat(c.topN()).isEqualTo(5);
    }

    @Test
    void badValuesNameTheFileAndTheKey() throws Exception {
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"risk_pct\": -1}"), StrategyConfig.defaults()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("strategy.json")
                .hasMessageContaining("risk_pct").hasMessageContaining("outside");
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"min_strength\": 1.5}"), StrategyConfig.defaults()))
                .hasMessageContaining("min_strength");
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"risk\": 1}"), StrategyConfig.defaults()))
                .hasMessageContaining("'risk'").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"sizing\": \"martingale\"}"), StrategyConfig.defaults()))
                .hasMessageContaining("'martingale'");
        assertThatThrownBy(() -> StrategyConfigFile.read(write("[1, 2]"), StrategyConfig.defaults()))
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"samples\": \"many\"}"), StrategyConfig.defaults()))
                .hasMessageContaining("samples").hasMessageContaining("number");
    }
}
