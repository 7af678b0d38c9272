package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.quality.QualityDimension;
import com.forexdiffusion.trading.regime.Regime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Quality weights, threshold, higher timeframes and regime multipliers from --config, and what they change. */
class QualitySettingsTest {
    @TempDir
    Path dir;

    private List<String> orders(BarSeries bars, StrategyConfig cfg, String name) {
        Database db = Database.openScratch(dir.resolve(name + ".db"));
        PaperBroker broker = PaperBroker.open(db, "bt", BrokerConfig.defaults(), 100_000, bars.ts(0));
        return Backtest.run(bars, 100, new EngineTest.Momentum(), cfg, broker, InstrumentCatalog.builtIn(), null,
                ProgressListener.NONE).orders().stream().map(o -> o.signalId() + " " + o.lots()).toList();
    }

    @Test
    void higherTimeframesChangeWhichSignalsAreTaken() {
        BarSeries bars = EngineTest.market(3);
        StrategyConfig base = EngineTest.cfg();
        List<String> without = orders(bars, base, "none");
        List<String> with = orders(bars, base.withQuality(new QualitySettings(base.quality().weights(), null,
                List.of(Timeframe.H4, Timeframe.D1))), "mtf");
        assertThat(without).isNotEmpty();
        assertThat(with).isNotEqualTo(without);
    }

    @Test
    void theConfigFileSetsQualityAndRegimeKeys() throws Exception {
        Path f = Files.writeString(dir.resolve("s.json"), "{\"quality_threshold\": 0.5, \"mtf_timeframes\": [\"H4\"], "
                + "\"quality_weights\": {\"correlation_safety\": 0.5}, \"regime_multipliers\": {\"volatile\": 0.1}}");
        StrategyConfig c = StrategyConfigFile.read(f, StrategyConfig.defaults());
        assertThat(c.quality().threshold()).isEqualTo(0.5);
        assertThat(c.quality().mtfTimeframes()).containsExactly(Timeframe.H4);
        // Defaults sum to 1 with correlation 0.1; set to 0.5 the weights renormalise over 1.4.
        assertThat(c.quality().weights().of(QualityDimension.CORRELATION_SAFETY)).isCloseTo(0.5 / 1.4, within(1e-12));
        assertThat(c.sizing().regimeMultipliers().get(Regime.VOLATILE)).isEqualTo(0.1);
        assertThat(c.sizing().regimeMultipliers().get(Regime.RANGING)).isEqualTo(0.7);
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"quality_weights\": {\"luck\": 1}}");
        assertThatThrownBy(() -> StrategyConfigFile.read(bad, StrategyConfig.defaults()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("quality_weights.luck")
                .hasMessageContaining("bad.json");
    }

    @Test
    void aLowerThresholdFromTheConfigTakesMoreSignals() {
        BarSeries bars = EngineTest.market(3);
        StrategyConfig base = EngineTest.cfg();
        List<String> strict = orders(bars, base.withQuality(new QualitySettings(base.quality().weights(), 0.9,
                List.of())), "strict");
        List<String> loose = orders(bars, base.withQuality(new QualitySettings(base.quality().weights(), 0.3,
                List.of())), "loose");
        assertThat(loose.size()).isGreaterThan(strict.size());
    }
}
