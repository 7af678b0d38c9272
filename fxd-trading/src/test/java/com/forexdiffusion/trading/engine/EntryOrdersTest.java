package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.SampleStatistics;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.OrderType;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.paper.PaperSessions;
import com.forexdiffusion.trading.signal.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The engine's stop and limit entries (StrategyConfig entry settings) on the paper broker over real SQLite. */
class EntryOrdersTest {
    @TempDir
    Path dir;

    /** Momentum with a wide spread of samples: its low quantiles lie below the close even for a bull signal. */
    static final class WideMomentum implements Forecaster {
        public String name() {
            return "wide-momentum";
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
                    p[k] = last * Math.exp(mu + 1.5 * Math.abs(mu) * (k - 4) / 4.0);
                }
                out.add(SampleStatistics.fromPrices(h, r.time() + h.minutes() * 60_000L, p, new double[0], false));
            }
            return new Forecast(r.symbol(), r.timeframe(), r.time(), last, out, 0, name(), version());
        }
    }

    @Test
    void aQuantileBetweenStoredLevelsIsLinearInTheLevel() {
        HorizonForecast h = new HorizonForecast(new Horizon(60), 0, 1.1, 0.001,
                new TreeMap<>(Map.of(0.05, 1.0980, 0.5, 1.1000, 0.95, 1.1030)), null);
        // 0.25 is 0.20 / 0.45 of the way from q05 to the median: 1.0980 + 0.0020 · 4/9.
        assertThat(EntryOrders.quantile(h, 0.25)).isCloseTo(1.0980 + 0.0020 * 4 / 9, within(1e-12));
        // 0.75 is 0.25 / 0.45 of the way from the median to q95: 1.1000 + 0.0030 · 5/9.
        assertThat(EntryOrders.quantile(h, 0.75)).isCloseTo(1.1000 + 0.0030 * 5 / 9, within(1e-12));
        assertThat(EntryOrders.quantile(h, 0.5)).isEqualTo(1.1000);
    }

    record Run(Backtest.Result result, Database db) {
    }

    Run backtest(BarSeries bars, Forecaster f, StrategyConfig cfg, String name) {
        Database db = Database.open("sqlite:" + dir.resolve(name + ".db"));
        PaperBroker broker = PaperBroker.open(db, "bt", BrokerConfig.defaults(), 100_000, bars.ts(0));
        return new Run(Backtest.run(bars, 100, f, cfg, broker, InstrumentCatalog.builtIn(), null,
                ProgressListener.NONE), db);
    }

    /** Status counts of the resting entries of a run, and each filled one's fill against its level. */
    static Map<String, Integer> entryStatuses(Database db, OrderType kind, double[] worstSlip) throws Exception {
        Map<String, Integer> n = new TreeMap<>();
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT o.status, o.side, e.price, f.price FROM trading_orders o JOIN trading_order_events e "
                        + "ON e.order_id = o.order_id AND e.status = 'accepted' LEFT JOIN trading_fills f "
                        + "ON f.order_id = o.order_id WHERE o.kind = '" + kind.db() + "' AND o.order_id LIKE 'bt-o%'")) {
            while (rs.next()) {
                n.merge(rs.getString(1), 1, Integer::sum);
                if (rs.getString(1).equals("filled")) {
                    // Against the order: positive when the fill is worse than the level.
                    double sign = rs.getString(2).equals("buy") ? 1 : -1;
                    worstSlip[0] = Math.max(worstSlip[0], sign * (rs.getDouble(4) - rs.getDouble(3)));
                    worstSlip[1] = Math.min(worstSlip[1], sign * (rs.getDouble(4) - rs.getDouble(3)));
                }
            }
        }
        return n;
    }

    @Test
    void stopEntriesWaitFiveBipsBeyondTheCloseFillThereOrWorseAndChangeTheTrades() throws Exception {
        BarSeries bars = EngineTest.market(3);
        Run market = backtest(bars, new EngineTest.Momentum(), EngineTest.cfg(), "market");
        StrategyConfig stops = EngineTest.cfg().withEntry(EntrySettings.market().withType(OrderType.STOP));
        Run stop = backtest(bars, new EngineTest.Momentum(), stops, "stop");
        assertThat(stop.result().trades()).isNotEmpty().isNotEqualTo(market.result().trades());
        // Each order's planned entry is the decision bar's close ± 5 pips (0.0005), in the signal's direction.
        List<OrderDecision> accepted = stop.result().orders().stream().filter(OrderDecision::accepted).toList();
        assertThat(accepted).isNotEmpty();
        for (OrderDecision d : accepted) {
            int i = bars.indexOf(d.time() - Timeframe.M15.millis());
            double expected = bars.close(i) + (d.direction() == Direction.BULL ? 0.0005 : -0.0005);
            assertThat(d.entry()).as(d.signalId()).isCloseTo(expected, within(1e-12));
        }
        double[] slip = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        Map<String, Integer> statuses = entryStatuses(stop.db(), OrderType.STOP, slip);
        assertThat(statuses).containsKeys("filled", "expired");
        assertThat(statuses.keySet()).isSubsetOf("filled", "expired", "rejected", "cancelled");
        // A stop fills at its level plus 0.1 pip of slippage, or worse when the bar gapped through it.
        assertThat(slip[1]).isGreaterThanOrEqualTo(0.00001 - 1e-12);
        assertThat(stop.result().trades().size()).isEqualTo(statuses.get("filled"));
        // The market run has no resting entries at all: its results are those of before resting entries existed.
        assertThat(entryStatuses(market.db(), OrderType.STOP, new double[2])).isEmpty();
    }

    @Test
    void limitEntriesWaitAtTheForecastsTenthPercentileAndFillThereOrBetter() throws Exception {
        BarSeries bars = EngineTest.market(3);
        StrategyConfig limits = EngineTest.cfg().withEntry(new EntrySettings(OrderType.LIMIT, 0.1, 5, 60));
        Run limit = backtest(bars, new WideMomentum(), limits, "limit");
        Run market = backtest(bars, new WideMomentum(), EngineTest.cfg(), "market");
        assertThat(limit.result().trades()).isNotEmpty().isNotEqualTo(market.result().trades());
        for (OrderDecision d : limit.result().orders()) {
            int i = bars.indexOf(d.time() - Timeframe.M15.millis());
            // A bull limit below the close, a bear one above: never at or through the market.
            assertThat((d.entry() - bars.close(i)) * (d.direction() == Direction.BULL ? 1 : -1)).isNegative();
        }
        double[] slip = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        Map<String, Integer> statuses = entryStatuses(limit.db(), OrderType.LIMIT, slip);
        assertThat(statuses).containsKeys("filled", "expired");
        // At the level or better (a gap beyond it fills at the open), never worse.
        assertThat(slip[0]).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void aSessionKilledWhileAnEntryRestsContinuesExactlyAsIfItHadNotStopped() throws Exception {
        BarSeries bars = EngineTest.market(11);
        StrategyConfig cfg = EngineTest.cfg().withEntry(EntrySettings.market().withType(OrderType.STOP));
        List<TradeRecord> whole;
        int cut = -1;
        try (Database db = Database.open("sqlite:" + dir.resolve("whole.db"))) {
            PaperBroker broker = PaperBroker.open(db, "p", BrokerConfig.defaults(), 100_000, bars.ts(0));
            ForecastEngine engine = new ForecastEngine(bars, new EngineTest.Momentum(), null, broker, cfg,
                    InstrumentCatalog.builtIn(), null);
            for (int i = 100; i < bars.size(); i++) {
                engine.on(new EngineEvent.BarClosed("EURUSD", Timeframe.M15, bars.bar(i), i));
                if (cut < 0 && i > 300 && !broker.pendingOrders().isEmpty()) {
                    cut = i + 1;
                }
            }
            whole = engine.trades();
        }
        assertThat(cut).as("an entry rests at some bar").isPositive();
        Path file = dir.resolve("session.db");
        List<TradeRecord> pieces = new ArrayList<>();
        try (Database db = Database.open("sqlite:" + file)) {
            PaperBroker broker = PaperBroker.open(db, "p", BrokerConfig.defaults(), 100_000, bars.ts(0));
            PaperSessions sessions = new PaperSessions(db);
            sessions.create(new PaperSessions.Session("p", "EURUSD", Timeframe.M15, "momentum", "{}", bars.ts(100),
                    null, null), 0);
            BarSeries early = bars.slice(0, cut);
            ForecastEngine engine = new ForecastEngine(early, new EngineTest.Momentum(), null, broker, cfg,
                    InstrumentCatalog.builtIn(), null);
            for (int i = 100; i < cut; i++) {
                engine.on(new EngineEvent.BarClosed("EURUSD", Timeframe.M15, early.bar(i), i));
                sessions.advance("p", early.ts(i), engine.state(), 0);
            }
            pieces.addAll(engine.trades());
            assertThat(broker.pendingOrders()).as("the cut falls while an entry rests").isNotEmpty();
        }
        try (Database db = Database.open("sqlite:" + file)) {
            PaperBroker broker = PaperBroker.open(db, "p", BrokerConfig.defaults(), 100_000, bars.ts(0));
            assertThat(broker.pendingOrders()).as("the resting entry survives the restart").hasSize(1);
            var session = new PaperSessions(db).find("p").orElseThrow();
            // The signal behind the resting entry is part of the saved state, keyed by its order id.
            assertThat(session.state().signals()).containsKey(broker.pendingOrders().get(0).id());
            ForecastEngine engine = new ForecastEngine(bars, new EngineTest.Momentum(), null, broker, cfg,
                    InstrumentCatalog.builtIn(), null);
            engine.restore(session.state());
            for (int i = cut; i < bars.size(); i++) {
                engine.on(new EngineEvent.BarClosed("EURUSD", Timeframe.M15, bars.bar(i), i));
            }
            pieces.addAll(engine.trades());
        }
        assertThat(pieces).isEqualTo(whole);
        assertThat(whole).allMatch(t -> t.signalId() != null);
    }
}
