package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.sizing.SizingMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Volatility-adjusted sizing reads the forecast's σ and the realised volatility from the engine (it was handed 0, 0
 * and sized exactly as fixed fractional): the same signals get other sizes.
 */
class VolatilitySizingTest {
    @TempDir
    Path dir;

    private List<OrderDecision> orders(BarSeries bars, SizingMethod method) {
        StrategyConfig base = EngineTest.cfg();
        StrategyConfig cfg = new StrategyConfig(base.horizons(), base.samples(), base.seed(), base.lookback(),
                base.minStrength(), base.topN(), base.sizing().withMethod(method), base.risk(), base.volumeWindow(),
                base.calibration(), base.quality(), base.entry(), base.skillGate());
        Database db = Database.openScratch(dir.resolve(method + ".db"));
        PaperBroker broker = PaperBroker.open(db, "bt", BrokerConfig.defaults(), 100_000, bars.ts(0));
        return Backtest.run(bars, 100, new EngineTest.Momentum(), cfg, broker, InstrumentCatalog.builtIn(), null,
                ProgressListener.NONE).orders();
    }

    @Test
    void volatilityAdjustedSizingChangesTheSizes() {
        BarSeries bars = EngineTest.market(3);
        List<OrderDecision> fixed = orders(bars, SizingMethod.FIXED_FRACTIONAL);
        List<OrderDecision> vol = orders(bars, SizingMethod.VOLATILITY_ADJUSTED);
        assertThat(fixed).isNotEmpty();
        assertThat(vol).isNotEmpty();
        // The first order comes from the same signal in both runs (nothing before it differs): only its size may.
        assertThat(vol.get(0).signalId()).isEqualTo(fixed.get(0).signalId());
        long differing = vol.stream().filter(v -> fixed.stream().noneMatch(f -> f.signalId().equals(v.signalId())
                && f.lots() == v.lots())).count();
        assertThat(differing).as("orders whose size the volatility ratio changed").isPositive();
    }
}
