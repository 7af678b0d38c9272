package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.risk.RiskLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The risk manager's total exposure limit applied by the engine to each order (real paper broker, SQLite). */
class ExposureInEngineTest {
    @TempDir
    Path dir;

    Backtest.Result run(BarSeries bars, StrategyConfig cfg, String name) {
        PaperBroker broker = PaperBroker.open(Database.open("sqlite:" + dir.resolve(name + ".db")), "bt",
                BrokerConfig.defaults(), 100_000, bars.ts(0));
        return Backtest.run(bars, 100, new EngineTest.Momentum(), cfg, broker, InstrumentCatalog.builtIn(), null,
                ProgressListener.NONE);
    }

    @Test
    void anExposureLimitBelowTheRiskPerTradeCutsOrdersToItsRoom() {
        BarSeries bars = EngineTest.market(3);
        StrategyConfig base = EngineTest.cfg();
        Backtest.Result free = run(bars, base, "free");
        // Fixed fractional sizing risks up to 1 % of equity per order; a 0.5 % total exposure admits less.
        StrategyConfig tight = new StrategyConfig(base.horizons(), base.samples(), base.seed(), base.lookback(),
                base.minStrength(), base.topN(), base.sizing(), new RiskLimits(3, 5, 0, 0, 0.5, 0),
                base.volumeWindow(), base.calibration()).withSkillGate(base.skillGate());
        Backtest.Result capped = run(bars, tight, "capped");
        List<OrderDecision> cut = capped.orders().stream().filter(d -> d.reason() != null
                && d.reason().contains("total exposure limit of 0.5% of equity")).toList();
        assertThat(cut).isNotEmpty();
        // Each cut by the formula: room = 0.5 % of equity − risk already at the stops; lots = room / risk per lot
        // (|entry − stop| · 100 000 for EURUSD in a USD account), down to the 0.01 grid.
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("reduced from ([0-9.]+) to ([0-9.]+) lots by the "
                + "total exposure limit of 0\\.5% of equity: ([0-9.]+) of ([0-9.]+) already at risk at the stops");
        long reduced = 0;
        for (OrderDecision d : cut) {
            java.util.regex.Matcher m = p.matcher(d.reason());
            if (!m.matches()) {
                assertThat(d.reason()).startsWith("rejected by the total exposure limit");
                assertThat(d.accepted()).isFalse();
                continue;
            }
            reduced++;
            double riskPerLot = Math.abs(d.entry() - d.stop()) * 100_000;
            double room = Double.parseDouble(m.group(4)) - Double.parseDouble(m.group(3));
            double expected = Math.floor(room / riskPerLot / 0.01 + 1e-9) * 0.01;
            assertThat(Double.parseDouble(m.group(2))).as(d.reason()).isCloseTo(expected,
                    org.assertj.core.data.Offset.offset(0.0100001)).isEqualTo(d.lots());
            assertThat(Double.parseDouble(m.group(1))).isGreaterThan(d.lots());
            // What is left at risk stays within the limit (the rounding of the logged figures aside).
            assertThat(d.lots() * riskPerLot).isLessThanOrEqualTo(room + 0.01);
        }
        assertThat(reduced).isPositive();
        double lotsFree = free.trades().stream().mapToDouble(TradeRecord::lots).sum();
        double lotsCapped = capped.trades().stream().mapToDouble(TradeRecord::lots).sum();
        assertThat(lotsCapped).isLessThan(lotsFree);
        assertThat(free.orders()).allMatch(d -> d.reason() == null || !d.reason().contains("exposure"));
    }
}
