package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.SampleStatistics;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.risk.RiskLimits;
import com.forexdiffusion.trading.sizing.SizingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

public class EngineTest {
    @TempDir
    Path dir;

    static final List<Horizon> HS = List.of(new Horizon(15), new Horizon(60));

    /**
     * A momentum forecaster for engine tests: expects the last bar's return to continue, with a narrow spread, so
     * that it produces strong signals both ways. It reads only its window.
     */
    public static final class Momentum implements Forecaster {
        public String name() {
            return "momentum";
        }

        public String version() {
            return "test";
        }

        public int lookback() {
            return 2;
        }

        public Forecast forecast(ForecastRequest r) {
            BarSeries w = r.window();
            double last = r.lastClose();
            double ret = Math.log(last / w.close(w.size() - 2));
            List<HorizonForecast> out = new ArrayList<>();
            for (Horizon h : r.horizons()) {
                double mu = 10 * ret * h.bars(r.timeframe());
                double[] p = new double[9];
                for (int k = 0; k < p.length; k++) {
                    p[k] = last * Math.exp(mu + 0.4 * Math.abs(mu) * (k - 4) / 4.0);
                }
                out.add(SampleStatistics.fromPrices(h, r.time() + h.minutes() * 60_000L, p, new double[0], false));
            }
            return new Forecast(r.symbol(), r.timeframe(), r.time(), last, out, 0, name(), version());
        }
    }

    static BarSeries market(long seed) {
        BarSeries m1 = new SyntheticGenerator(SyntheticConfig.defaults(seed)).generate("EURUSD",
                Instant.parse("2023-01-02T00:00:00Z").toEpochMilli(), 20);
        return Resampler.resample(m1, Timeframe.M15);
    }

    /** The engine tests' strategy; the skill gate off, as they test other parts (the momentum has no skill). */
    static StrategyConfig cfg() {
        return new StrategyConfig(HS, 9, 1, 50, 0.3, 5, SizingConfig.defaults(), RiskLimits.defaults(), 20,
                CalibrationConfig.defaults()).withSkillGate(com.forexdiffusion.trading.skill.SkillGateConfig.disabled());
    }

    Backtest.Result backtest(BarSeries bars, String name) {
        Database db = Database.open("sqlite:" + dir.resolve(name + ".db"));
        PaperBroker broker = PaperBroker.open(db, "bt", BrokerConfig.defaults(), 100_000, bars.ts(0));
        return Backtest.run(bars, 100, new Momentum(), cfg(), broker, InstrumentCatalog.builtIn(), null,
                ProgressListener.NONE);
    }

    @Test
    void aBacktestTradesAndReportsFigures() {
        Backtest.Result r = backtest(market(3), "a");
        assertThat(r.trades()).isNotEmpty();
        assertThat(r.metrics()).isNotNull();
        assertThat(r.dailyEquity().length).isGreaterThan(10);
        double net = r.trades().stream().mapToDouble(TradeRecord::netPnl).sum();
        double last = r.dailyEquity()[r.dailyEquity().length - 1];
        // With every position closed by the end, equity moves by exactly the sum of trade results.
        if (r.trades().stream().allMatch(t -> t.closedAt() > 0)) {
            assertThat(last).isCloseTo(100_000 + net, org.assertj.core.data.Offset.offset(50.0));
        }
        assertThat(r.trades()).allMatch(t -> t.signalId() != null && t.commission() > 0);
    }

    @Test
    void changingBarsAfterADayChangesNoEarlierDecision() {
        BarSeries bars = market(5);
        int cut = bars.size() / 2;
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M15, bars.size());
        for (int i = 0; i < bars.size(); i++) {
            double k = i > cut ? 1.02 : 1.0;
            b.add(bars.ts(i), bars.open(i) * k, bars.high(i) * k, bars.low(i) * k, bars.close(i) * k, bars.volume(i));
        }
        Backtest.Result a = backtest(bars, "orig");
        Backtest.Result c = backtest(b.build(), "changed");
        long limit = bars.ts(cut);
        List<TradeRecord> before = a.trades().stream().filter(t -> t.closedAt() < limit).toList();
        List<TradeRecord> after = c.trades().stream().filter(t -> t.closedAt() < limit).toList();
        assertThat(before).isNotEmpty();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aPaperReplayTradesExactlyLikeTheBacktest() {
        BarSeries bars = market(7);
        Backtest.Result bt = backtest(bars, "bt");
        Database db = Database.open("sqlite:" + dir.resolve("paper.db"));
        PaperBroker broker = PaperBroker.open(db, "bt", BrokerConfig.defaults(), 100_000, bars.ts(0));
        // Paper: no precomputed forecasts; each bar is an event as it would arrive from a live feed.
        ForecastEngine engine = new ForecastEngine(bars, new Momentum(), null, broker, cfg(), InstrumentCatalog.builtIn(),
                null);
        for (int i = 100; i < bars.size(); i++) {
            engine.on(new EngineEvent.BarClosed("EURUSD", Timeframe.M15, bars.bar(i), i));
        }
        assertThat(engine.trades()).isEqualTo(bt.trades());
    }

    @Test
    void aPaperRunLogsEveryForecastItMakesWithoutChangingADecision() throws Exception {
        BarSeries bars = market(7);
        Backtest.Result bt = backtest(bars, "bt");
        try (Database db = Database.open("sqlite:" + dir.resolve("paper-logged.db"))) {
            PaperBroker broker = PaperBroker.open(db, "bt", BrokerConfig.defaults(), 100_000, bars.ts(0));
            java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
            com.forexdiffusion.forecast.log.LoggedForecaster logged = new com.forexdiffusion.forecast.log.LoggedForecaster(
                    new Momentum(), db::connection, () -> Instant.ofEpochMilli(now.get()), (s, tf, ts) -> {
                        int i = bars.indexOf(ts);
                        return i < 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(bars.close(i));
                    }, 100, Long.MAX_VALUE);
            ForecastEngine engine = new ForecastEngine(bars, logged, null, broker, cfg(), InstrumentCatalog.builtIn(),
                    null);
            for (int i = 100; i < bars.size(); i++) {
                EngineEvent.BarClosed e = new EngineEvent.BarClosed("EURUSD", Timeframe.M15, bars.bar(i), i);
                now.set(e.time());
                engine.on(e);
            }
            logged.close();
            assertThat(engine.trades()).isEqualTo(bt.trades());
            assertThat(logged.logged()).isPositive();
            try (java.sql.Connection c = db.connection(); java.sql.ResultSet rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*), COUNT(actual_price), MAX(forecast_time) FROM ldm4ts_predictions")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(logged.logged() * HS.size());
                assertThat(rs.getLong(2)).isPositive().isLessThan(rs.getLong(1));
                assertThat(rs.getLong(3)).isLessThanOrEqualTo(bars.lastTs());
            }
        }
    }

    @Test
    void aPaperSessionKilledMidwayContinuesExactlyAsIfItHadNotStopped() throws Exception {
        BarSeries bars = market(11);
        List<TradeRecord> whole;
        try (Database db = Database.open("sqlite:" + dir.resolve("whole.db"))) {
            PaperBroker broker = PaperBroker.open(db, "p", BrokerConfig.defaults(), 100_000, bars.ts(0));
            ForecastEngine engine = new ForecastEngine(bars, new Momentum(), null, broker, cfg(),
                    InstrumentCatalog.builtIn(), null);
            for (int i = 100; i < bars.size(); i++) {
                engine.on(new EngineEvent.BarClosed("EURUSD", Timeframe.M15, bars.bar(i), i));
            }
            whole = engine.trades();
        }
        // Cut while a position is open (it opened at the close of bar cut − 1, time ts(cut)): its trade record
        // carries the signal, uncertainty and quality that only the restored state knows.
        TradeRecord held = whole.stream().filter(t -> t.openedAt() > bars.ts(300)).findFirst().orElseThrow();
        int cut = bars.indexOf(held.openedAt());
        List<TradeRecord> pieces = new ArrayList<>();
        Path file = dir.resolve("session.db");
        try (Database db = Database.open("sqlite:" + file)) {
            PaperBroker broker = PaperBroker.open(db, "p", BrokerConfig.defaults(), 100_000, bars.ts(0));
            com.forexdiffusion.trading.paper.PaperSessions sessions = new com.forexdiffusion.trading.paper.PaperSessions(db);
            sessions.create(new com.forexdiffusion.trading.paper.PaperSessions.Session("p", "EURUSD", Timeframe.M15,
                    "momentum", "{}", bars.ts(100), null, null), 0);
            // The first process sees the bars up to the cut only, as a live feed would.
            BarSeries early = bars.slice(0, cut);
            ForecastEngine engine = new ForecastEngine(early, new Momentum(), null, broker, cfg(),
                    InstrumentCatalog.builtIn(), null);
            for (int i = 100; i < cut; i++) {
                engine.on(new EngineEvent.BarClosed("EURUSD", Timeframe.M15, early.bar(i), i));
                sessions.advance("p", early.ts(i), engine.state(), 0);
            }
            pieces.addAll(engine.trades());
            assertThat(broker.openPositions()).as("the cut should fall while a position is open").isNotEmpty();
        }
        try (Database db = Database.open("sqlite:" + file)) {
            // A new process: broker and engine memory from the database only.
            PaperBroker broker = PaperBroker.open(db, "p", BrokerConfig.defaults(), 100_000, bars.ts(0));
            var session = new com.forexdiffusion.trading.paper.PaperSessions(db).find("p").orElseThrow();
            assertThat(session.lastBarTs()).isEqualTo(bars.ts(cut - 1));
            // The saved calibrator has learnt: the resumed engine must not start a new warm-up.
            assertThat(session.state().calibration().conformal().scores().get(60))
                    .hasSizeGreaterThanOrEqualTo(cfg().calibration().warmup());
            assertThat(session.state().calibration().pending()).isNotEmpty();
            ForecastEngine engine = new ForecastEngine(bars, new Momentum(), null, broker, cfg(),
                    InstrumentCatalog.builtIn(), null);
            engine.restore(session.state());
            for (int i = bars.indexOf(session.lastBarTs()) + 1; i < bars.size(); i++) {
                engine.on(new EngineEvent.BarClosed("EURUSD", Timeframe.M15, bars.bar(i), i));
            }
            pieces.addAll(engine.trades());
        }
        assertThat(pieces).isEqualTo(whole);
    }
}
