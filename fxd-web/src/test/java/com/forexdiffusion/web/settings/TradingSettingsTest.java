package com.forexdiffusion.web.settings;

import com.forexdiffusion.trading.engine.SignalTuning;
import com.forexdiffusion.trading.engine.StrategyConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TradingSettingsTest {
    @Test
    void theSpecDefaultsBecomeStrengthMultipliersAndSizerSettings() {
        SignalTuning t = TradingSettings.tuning(Ldm4tsSettings.defaults());
        // 30/50/20 % of three horizons: 0.3 × 3, 0.5 × 3, 0.2 × 3.
        assertThat(t.horizonWeights().get(15)).isCloseTo(0.9, within(1e-12));
        assertThat(t.horizonWeights().get(60)).isCloseTo(1.5, within(1e-12));
        assertThat(t.horizonWeights().get(240)).isCloseTo(0.6, within(1e-12));
        assertThat(t.directionalConfidence()).isEqualTo(0.6);
        assertThat(t.qualityThreshold()).isEqualTo(0.65);
        Ldm4tsSettings d = Ldm4tsSettings.defaults();
        Ldm4tsSettings off = new Ldm4tsSettings(d.enabled(), d.checkpoint(), d.horizons(), 30, d.window(), 0.7,
                0.25, false, d.horizonWeights(), d.minQuality(), d.directionalConfidence());
        StrategyConfig s = TradingSettings.strategy(StrategyConfig.defaults(), off);
        assertThat(s.sizing().uncertaintyScaling()).isFalse();
        assertThat(s.sizing().uncertaintyThresholdPct()).isEqualTo(0.7);
        assertThat(s.samples()).isEqualTo(30);
        assertThat(s.minStrength()).isEqualTo(0.25);
        assertThat(TradingSettings.strategy(StrategyConfig.defaults(), d).sizing().uncertaintyScaling()).isTrue();
    }
}
