package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.trading.sizing.SizingMethod;
import com.forexdiffusion.trading.skill.SkillGateConfig;
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

    @Test
    void theCalibrationKeysOverrideTheCommandLinesOneByOne() throws Exception {
        StrategyConfig cli = StrategyConfig.defaults();
        StrategyConfig c = StrategyConfigFile.read(write("""
                {"calibration": {"mode": "split", "alpha": 0.2, "warmup": 30}}
                """), cli);
        assertThat(c.calibration()).isEqualTo(new com.forexdiffusion.forecast.conformal.CalibrationConfig(
                com.forexdiffusion.forecast.conformal.CalibrationMode.SPLIT, 0.2, cli.calibration().gamma(),
                cli.calibration().window(), 30));
        assertThat(StrategyConfigFile.read(write("{\"calibration\": {\"mode\": \"NONE\"}}"), cli).calibration().mode())
                .isEqualTo(com.forexdiffusion.forecast.conformal.CalibrationMode.NONE);
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"calibration\": {\"mode\": \"bogus\"}}"), cli))
                .isInstanceOf(BadInputException.class).hasMessageContaining("strategy.json")
                .hasMessageContaining("calibration.mode").hasMessageContaining("aci");
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"calibration\": {\"level\": 0.9}}"), cli))
                .hasMessageContaining("calibration.level").hasMessageContaining("unknown key");
        // A warm-up of 5 outcomes cannot give a 90 % conformal quantile (it needs 9).
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"calibration\": {\"warmup\": 5}}"), cli))
                .hasMessageContaining("strategy.json").hasMessageContaining("calibration.warmup");
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"calibration\": \"aci\"}"), cli))
                .hasMessageContaining("calibration").hasMessageContaining("must be an object");
    }

    @Test
    void entryAndExposureKeys() throws Exception {
        StrategyConfig d = StrategyConfig.defaults();
        assertThat(d.entry().type()).isEqualTo(com.forexdiffusion.trading.broker.OrderType.MARKET);
        StrategyConfig c = StrategyConfigFile.read(write("""
                {"entry": "limit", "entry_limit_quantile": 0.2, "entry_expiry_minutes": 30,
                 "max_total_exposure_pct": 8, "max_notional_pct": 500}
                """), d);
        assertThat(c.entry()).isEqualTo(new EntrySettings(com.forexdiffusion.trading.broker.OrderType.LIMIT, 0.2, 5,
                30));
        // One figure for the SPEC's total exposure: the risk manager's and the sizer's.
        assertThat(c.risk().maxTotalExposurePct()).isEqualTo(8);
        assertThat(c.sizing().maxTotalRiskPct()).isEqualTo(8);
        assertThat(c.risk().maxNotionalPct()).isEqualTo(500);
        assertThat(StrategyConfigFile.read(write("{\"entry\": \"STOP\"}"), d).entry().type())
                .isEqualTo(com.forexdiffusion.trading.broker.OrderType.STOP);
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"entry\": \"iceberg\"}"), d))
                .hasMessageContaining("strategy.json").hasMessageContaining("entry").hasMessageContaining("'iceberg'");
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"entry_limit_quantile\": 0.05}"), d))
                .hasMessageContaining("entry_limit_quantile").hasMessageContaining("outside");
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"entry_expiry_minutes\": 0}"), d))
                .hasMessageContaining("entry_expiry_minutes");
    }

    @Test
    void theSkillGateIsOnByDefaultAndItsKeysOverrideOneByOne() throws Exception {
        assertThat(StrategyConfig.defaults().skillGate()).isEqualTo(SkillGateConfig.defaults());
        assertThat(StrategyConfig.defaults().skillGate().enabled()).isTrue();
        StrategyConfig c = StrategyConfigFile.read(write("""
                {"skill_gate": {"window": 300, "warmup": 100, "max_crps_ratio": 0.98, "min_direction_lcb": 0.52,
                 "confidence": 0.99, "horizon": 60, "require": "either"}}
                """), StrategyConfig.defaults());
        SkillGateConfig g = c.skillGate();
        assertThat(g.enabled()).isTrue();
        assertThat(g.window()).isEqualTo(300);
        assertThat(g.warmup()).isEqualTo(100);
        assertThat(g.maxCrpsRatio()).isEqualTo(0.98);
        assertThat(g.minDirectionLcb()).isEqualTo(0.52);
        assertThat(g.confidence()).isEqualTo(0.99);
        assertThat(g.horizonMinutes()).isEqualTo(60);
        assertThat(g.requireBoth()).isFalse();
        StrategyConfig off = StrategyConfigFile.read(write("{\"skill_gate\": {\"enabled\": false}}"),
                StrategyConfig.defaults());
        assertThat(off.skillGate()).isEqualTo(SkillGateConfig.disabled());
        // Other keys keep the base's gate.
        assertThat(StrategyConfigFile.read(write("{\"top_n\": 2}"), off).skillGate().enabled()).isFalse();
    }

    @Test
    void badSkillGateValuesNameTheFileAndTheKey() throws Exception {
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"skill_gate\": {\"windows\": 3}}"),
                StrategyConfig.defaults())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("strategy.json").hasMessageContaining("'skill_gate.windows'")
                .hasMessageContaining("unknown key");
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"skill_gate\": {\"window\": 100, \"warmup\": 200}}"),
                StrategyConfig.defaults())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("strategy.json").hasMessageContaining("'skill_gate.warmup'");
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"skill_gate\": {\"enabled\": \"yes\"}}"),
                StrategyConfig.defaults())).hasMessageContaining("'skill_gate.enabled'");
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"skill_gate\": {\"require\": \"any\"}}"),
                StrategyConfig.defaults())).hasMessageContaining("'skill_gate.require'");
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"skill_gate\": {\"confidence\": 1}}"),
                StrategyConfig.defaults())).hasMessageContaining("'skill_gate.confidence'");
        assertThatThrownBy(() -> StrategyConfigFile.read(write("{\"skill_gate\": true}"),
                StrategyConfig.defaults())).hasMessageContaining("'skill_gate'").hasMessageContaining("object");
    }
}
