package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.risk.RiskLimits;
import com.forexdiffusion.trading.sizing.SizingConfig;
import com.forexdiffusion.trading.skill.SkillGate;
import com.forexdiffusion.trading.skill.SkillGateConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The skill gate in the engine (SPEC §7): it stands aside without skill, trades with it, and sees no future bar. */
class SkillGateTradingTest {
    static final int START = 300;
    static final double SIGMA = 0.0015;
    @TempDir
    Path dir;

    static StrategyConfig cfg(SkillGateConfig gate) {
        return new StrategyConfig(EngineTest.HS, 9, 1, START, 0.3, 5, SizingConfig.defaults(), RiskLimits.defaults(),
                20, CalibrationConfig.defaults()).withSkillGate(gate);
    }

    Backtest.Result backtest(BarSeries bars, Forecaster f, SkillGateConfig gate, String name) {
        try (Database db = Database.open("sqlite:" + dir.resolve(name + ".db"))) {
            PaperBroker broker = PaperBroker.open(db, "bt", BrokerConfig.defaults(), 100_000, bars.ts(0));
            return Backtest.run(bars, START, f, cfg(gate), broker, InstrumentCatalog.builtIn(), null,
                    ProgressListener.NONE);
        }
    }

    static SkillGate.Summary gate(Backtest.Result r) {
        return r.skillGate().get("EURUSD");
    }

    @Test
    void onAPureRandomWalkTheEngineOpensNothingAfterTheWarmUp() {
        for (long seed : new long[]{1, 2, 3}) {
            BarSeries rw = SkillSeries.ar1(seed, 3000, 0, SIGMA);
            Backtest.Result off = backtest(rw, new SkillSeries.Coin(), SkillGateConfig.disabled(), "off" + seed);
            Backtest.Result on = backtest(rw, new SkillSeries.Coin(), SkillGateConfig.defaults(), "on" + seed);
            // Without the gate the coin trades all the time; with it, not once.
            assertThat(off.trades().size()).as("seed %d without the gate", seed).isGreaterThan(100);
            assertThat(on.orders()).as("seed %d orders with the gate", seed).isEmpty();
            SkillGate.Summary g = gate(on);
            assertThat(g.warmupBars()).isPositive();
            assertThat(g.noSkillBars()).as("bars judged after the warm-up").isGreaterThan(1500);
            assertThat(g.firstOpenAt()).isNull();
            assertThat(g.stoodAside()).isEqualTo(g.signals()).isGreaterThan(1000);
            assertThat(g.end().crpsRatio()).as("the coin's means are off by 0.8 σ").isGreaterThan(1.1);
            assertThat(g.end().state()).isEqualTo(SkillGate.Verdict.State.NO_SKILL);
        }
    }

    @Test
    void onAPlantedPredictableComponentItTradesAtAProfitAfterCosts() {
        for (long seed : new long[]{1, 2, 3}) {
            // AR(1) returns with φ = 0.4, and a forecaster that fits an AR(1) on its window of 300 past bars.
            BarSeries ar = SkillSeries.ar1(seed, 3000, 0.4, SIGMA);
            Backtest.Result r = backtest(ar, new SkillSeries.Ar1(), SkillGateConfig.defaults(), "ar" + seed);
            SkillGate.Summary g = gate(r);
            assertThat(g.firstOpenAt()).as("seed %d: the gate opened", seed).isNotNull();
            assertThat(r.trades().size()).as("seed %d trades", seed).isGreaterThan(500);
            assertThat(r.trades()).allMatch(t -> t.openedAt() >= g.firstOpenAt());
            // Profit factor of net P&L (spread, slippage, commission and swap paid).
            assertThat(r.metrics().profitFactor()).as("seed %d profit factor after costs", seed).isGreaterThan(1.2);
            assertThat(r.trades().stream().mapToDouble(TradeRecord::costsPaid).sum()).isPositive();
            assertThat(g.end().state()).isEqualTo(SkillGate.Verdict.State.OPEN);
            // A one-bar AR(1) forecast errs by σ_ε where the walk errs by σ_ε/√(1 − φ²): CRPS ratio about
            // √(1 − 0.16) = 0.917 (plus the fit's noise); its calls are right 1/2 + asin(0.4)/π = 63.1% of the time.
            assertThat(g.end().crpsRatio()).isBetween(0.88, 0.97);
            assertThat(g.end().accuracy()).isBetween(0.58, 0.68);
            // Only its warm-up held anything back.
            assertThat(g.noSkillBars()).isZero();
            assertThat(g.stoodAside()).isPositive().isLessThan(g.signals() / 10);
        }
    }

    @Test
    void whenTheSkillGoesTheGateClosesAndTheEngineStandsAside() {
        // 2 000 bars of AR(1) returns, then 2 000 of a random walk: the forecaster's record turns within its window.
        BarSeries ar = SkillSeries.ar1(7, 2000, 0.4, SIGMA);
        BarSeries rw = SkillSeries.ar1(8, 2000, 0, SIGMA);
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M15, 4000);
        double k = ar.close(1999) / rw.open(0);
        for (int i = 0; i < 4000; i++) {
            BarSeries s = i < 2000 ? ar : rw;
            int j = i < 2000 ? i : i - 2000;
            double m = i < 2000 ? 1 : k;
            b.add(SkillSeries.START + i * 900_000L, s.open(j) * m, s.high(j) * m, s.low(j) * m, s.close(j) * m,
                    s.volume(j));
        }
        BarSeries bars = b.build();
        long late = bars.ts(2800);
        // φ fitted once on the bars before the first decision and kept, as a model trained beforehand is.
        SkillSeries.Ar1 model = SkillSeries.Ar1.fittedOn(bars.slice(0, START));
        Backtest.Result on = backtest(bars, model, SkillGateConfig.defaults(), "turn-on");
        Backtest.Result off = backtest(bars, model, SkillGateConfig.disabled(), "turn-off");
        long onLate = on.trades().stream().filter(t -> t.openedAt() >= late).count();
        long offLate = off.trades().stream().filter(t -> t.openedAt() >= late).count();
        SkillGate.Summary g = gate(on);
        assertThat(g.firstOpenAt()).isNotNull().isLessThan(bars.ts(2000));
        assertThat(on.trades().stream().filter(t -> t.openedAt() < bars.ts(2000)).count()).isGreaterThan(300);
        assertThat(g.closures()).isPositive();
        assertThat(g.noSkillBars()).isGreaterThan(600);
        assertThat(offLate).as("without the gate it keeps trading the random walk").isGreaterThan(100);
        assertThat(onLate).as("with it, it stands aside").isLessThan(offLate / 5);
        assertThat(g.end().state()).isEqualTo(SkillGate.Verdict.State.NO_SKILL);
        assertThat(g.sentence()).contains("at the end: no skill: CRPS ratio to the random walk");
    }

    @Test
    void noGateStateUpToACutDependsOnTheBarsAfterIt() {
        BarSeries bars = SkillSeries.ar1(5, 1600, 0.4, SIGMA);
        int cut = 1100;
        BarSeries other = CalibratedTradingTest.randomisedAfter(bars, cut, 29);
        try (Database da = Database.open("sqlite:" + dir.resolve("la.db"));
             Database db = Database.open("sqlite:" + dir.resolve("lb.db"))) {
            ForecastEngine a = paper(bars, da);
            ForecastEngine b = paper(other, db);
            for (int i = START; i < bars.size(); i++) {
                a.on(new EngineEvent.BarClosed("EURUSD", Timeframe.M15, bars.bar(i), i));
                b.on(new EngineEvent.BarClosed("EURUSD", Timeframe.M15, other.bar(i), i));
                if (i <= cut) {
                    // The whole engine state: the gate's pending and resolved forecasts and its counts among it.
                    assertThat(b.state()).as("bar %d", i).isEqualTo(a.state());
                    assertThat(b.skillGate()).as("bar %d", i).isEqualTo(a.skillGate());
                }
                if (i == cut) {
                    assertThat(a.skillGate().end().state()).isEqualTo(SkillGate.Verdict.State.OPEN);
                    assertThat(a.state().skillGate().record().pending()).as("forecasts awaiting the bars after the cut")
                            .isNotEmpty();
                }
            }
            // The bars after the cut do reach the gate: the equality above is not vacuous.
            assertThat(b.state().skillGate()).isNotEqualTo(a.state().skillGate());
        }
    }

    @Test
    void aResumedPaperSessionJudgesExactlyAsOneThatNeverStopped() throws Exception {
        BarSeries bars = SkillSeries.ar1(9, 1400, 0.4, SIGMA);
        ForecastEngine whole;
        try (Database db = Database.open("sqlite:" + dir.resolve("whole.db"))) {
            whole = paper(bars, db);
            for (int i = START; i < bars.size(); i++) {
                whole.on(new EngineEvent.BarClosed("EURUSD", Timeframe.M15, bars.bar(i), i));
            }
        }
        int cut = 900;
        java.util.List<TradeRecord> pieces = new java.util.ArrayList<>();
        Path file = dir.resolve("session.db");
        try (Database db = Database.open("sqlite:" + file)) {
            ForecastEngine e = paper(bars.slice(0, cut), db);
            var sessions = new com.forexdiffusion.trading.paper.PaperSessions(db);
            sessions.create(new com.forexdiffusion.trading.paper.PaperSessions.Session("p", "EURUSD", Timeframe.M15,
                    "ar1", "{}", bars.ts(START), null, null), 0);
            for (int i = START; i < cut; i++) {
                e.on(new EngineEvent.BarClosed("EURUSD", Timeframe.M15, bars.bar(i), i));
                sessions.advance("p", bars.ts(i), e.state(), 0);
            }
            pieces.addAll(e.trades());
        }
        try (Database db = Database.open("sqlite:" + file)) {
            var session = new com.forexdiffusion.trading.paper.PaperSessions(db).find("p").orElseThrow();
            // Through the database's JSON: the gate's record is back, not a new warm-up.
            assertThat(session.state().skillGate().record().size()).isEqualTo(500);
            ForecastEngine e = paper(bars, db);
            e.restore(session.state());
            for (int i = cut; i < bars.size(); i++) {
                e.on(new EngineEvent.BarClosed("EURUSD", Timeframe.M15, bars.bar(i), i));
            }
            pieces.addAll(e.trades());
            assertThat(e.skillGate()).isEqualTo(whole.skillGate());
        }
        assertThat(pieces).isNotEmpty().isEqualTo(whole.trades());
    }

    @Test
    void theReportAndMetricsSayWhenAndWhyItStoodAside() {
        Backtest.Result r = backtest(SkillSeries.ar1(4, 1500, 0, SIGMA), new SkillSeries.Coin(),
                SkillGateConfig.defaults(), "report");
        SkillGate.Summary g = gate(r);
        java.util.Map<String, Object> m = com.forexdiffusion.trading.report.SkillGateFigures.json(r.skillGate());
        assertThat(m).containsEntry("enabled", true).containsEntry("state", "no skill")
                .containsEntry("horizon_minutes", 15).containsEntry("require", "both")
                .containsEntry("signals_stood_aside", g.signals());
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> eur = (java.util.Map<String, Object>) ((java.util.Map<String, Object>)
                m.get("by_symbol")).get("EURUSD");
        assertThat(eur).containsEntry("resolved_forecasts", 500).containsEntry("bars_gated", g.decisionBars())
                .containsEntry("first_open_at", null);
        assertThat((Double) eur.get("crps_ratio")).isGreaterThan(1.1);
        String html = com.forexdiffusion.trading.report.BacktestReport.html(r, java.util.List.of("test"));
        assertThat(html).contains("<h2>Skill gate</h2>").contains("stood aside on " + g.signals() + " of "
                + g.signals() + " signals").contains("it never opened")
                .contains("at the end: no skill: CRPS ratio to the random walk");
    }

    /** An engine forecasting on each event, as a paper session runs, with the default gate. */
    private static ForecastEngine paper(BarSeries bars, Database db) {
        PaperBroker broker = PaperBroker.open(db, "p", BrokerConfig.defaults(), 100_000, bars.ts(0));
        return new ForecastEngine(bars, new SkillSeries.Ar1(), null, broker, cfg(SkillGateConfig.defaults()),
                InstrumentCatalog.builtIn(), null);
    }
}
