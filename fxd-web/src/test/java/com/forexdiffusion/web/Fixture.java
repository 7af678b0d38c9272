package com.forexdiffusion.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.forecast.log.InferenceMonitor;
import com.forexdiffusion.forecast.log.PredictionLog;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.OrderRequest;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.broker.Side;
import com.forexdiffusion.trading.engine.ForecastEngine;
import com.forexdiffusion.trading.paper.PaperSessions;
import com.forexdiffusion.trading.report.SkillGateFigures;
import com.forexdiffusion.trading.risk.RiskLimits;
import com.forexdiffusion.trading.risk.RiskManager;
import com.forexdiffusion.trading.skill.SkillGate;
import com.forexdiffusion.trading.skill.SkillGateConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A database filled the way the real commands fill it: seeded synthetic EURUSD M1 resampled to M5 and M15, logged
 * and resolved predictions of a real forecaster, a paper account with a session, an open position and a closed
 * trade, and a backtest run row.
 */
final class Fixture {
    static final String SYMBOL = "EURUSD";
    static final String ACCOUNT = "paper-test";
    static final String RUN = "bt-test-1";
    static final String DONE_RUN = "bt-test-2";
    static final long START = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<Horizon> HORIZONS = Horizon.parseList("15,60,240");

    private Fixture() {
    }

    static void fill(Database db, int days) {
        BarSeries m1 = new SyntheticGenerator(SyntheticConfig.defaults(7)).generate(SYMBOL, START, days);
        try (CandleWriter w = db.candles().writer()) {
            w.addAll(m1, SyntheticGenerator.SOURCE);
            w.addAll(Resampler.resample(m1, Timeframe.M5, Resampler.Alignment.UTC), SyntheticGenerator.SOURCE);
            w.addAll(Resampler.resample(m1, Timeframe.M15, Resampler.Alignment.UTC), SyntheticGenerator.SOURCE);
            w.commit();
        }
        logPredictions(db);
        SkillGate gate = judgedGate(db.candles().readAll(SYMBOL, Timeframe.M15));
        paperAccount(db, gate);
        backtestRun(db, gate);
    }

    /**
     * The skill gate as the engine leaves it after judging a random walk (rw-ewma at λ = 0.97, so its σ differs from
     * the gate's reference) on the M15 bars: no directional call, so closed after its warm-up.
     */
    static SkillGate judgedGate(BarSeries bars) {
        List<Horizon> h15 = List.of(new Horizon(15));
        SkillGate gate = new SkillGate(SkillGateConfig.defaults().toBuilder().window(200).warmup(100).build(), h15, 50);
        Forecaster rw = com.forexdiffusion.forecast.baseline.RandomWalkForecaster.ewma(50, 0.97);
        for (int i = 50; i < bars.size(); i++) {
            gate.onBarClose(bars.ts(i), bars.close(i));
            gate.observe(rw.forecast(new ForecastRequest(bars.slice(i - 49, i + 1), h15, 1, 0, false)), bars, i);
            gate.allows(bars.ts(i), 1);
        }
        return gate;
    }

    /** Forecasts at 40 M15 bars, logged and then resolved from the stored closes, with health rows. */
    private static void logPredictions(Database db) {
        BarSeries bars = db.candles().readAll(SYMBOL, Timeframe.M15);
        int end = bars.size() - 60;
        Forecaster f = ForecasterFactory.named("rw-garch", HORIZONS).fit(bars.slice(end - 3000, end - 40));
        PredictionLog log = new PredictionLog(db::connection, InstantSource.system());
        InferenceMonitor monitor = new InferenceMonitor(db::connection, InstantSource.system(), f.version(), SYMBOL,
                "M15", 10, Long.MAX_VALUE);
        for (int i = end - 40; i < end; i++) {
            Forecast fc = f.forecast(new ForecastRequest(bars.slice(i - f.lookback(), i + 1), HORIZONS, 50, 42, false));
            log.record(fc, 50);
            monitor.served(fc);
        }
        monitor.flush();
        log.resolve((s, tf, ts) -> {
            BarSeries b = db.candles().read(s, tf, ts, ts + 1);
            return b.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(b.close(0));
        });
    }

    static String modelVersion(Database db) throws Exception {
        try (Connection c = db.connection(); var rs = c.createStatement().executeQuery(
                "SELECT model_version FROM ldm4ts_predictions LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void paperAccount(Database db, SkillGate gate) {
        BarSeries bars = db.candles().readAll(SYMBOL, Timeframe.M5);
        int i = bars.size() - 50;
        PaperBroker broker = PaperBroker.open(db, ACCOUNT, BrokerConfig.defaults(), 100_000, bars.ts(i));
        double px = bars.close(i);
        var closed = broker.submit(new OrderRequest(SYMBOL, Side.BUY, 0.5, px, px - 0.01, px + 0.01, bars.ts(i)));
        broker.close(closed.position().id(), bars.close(i + 5), bars.ts(i + 5), "expired");
        broker.submit(new OrderRequest(SYMBOL, Side.SELL, 0.3, bars.close(i + 6), bars.close(i + 6) + 0.02,
                bars.close(i + 6) - 0.02, bars.ts(i + 6)));
        PaperSessions sessions = new PaperSessions(db);
        sessions.create(new PaperSessions.Session(ACCOUNT, SYMBOL, Timeframe.M5, "rw-garch", "{}", bars.ts(i), null,
                null), System.currentTimeMillis());
        // The engine's memory after the session's last bar, with the gate's record and counts in it.
        sessions.advance(ACCOUNT, bars.ts(i + 6), new ForecastEngine.State(Map.of(), Map.of(), Map.of(), List.of(),
                100_000, new RiskManager(RiskLimits.defaults()).state(), null, gate.state()), System.currentTimeMillis());
    }

    /** A run in progress, and one done with its report directory as fxd backtest writes it. */
    private static void backtestRun(Database db, SkillGate gate) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO backtest_runs "
                + "(run_id, symbol, timeframe, forecaster, data_from, data_to, seed, code_version, config_json, status, "
                + "progress, metrics_json, report_path, started_at, finished_at) VALUES (?, 'EURUSD', 'M15', 'rw-garch', "
                + "?, ?, 42, 'test', '{}', ?, ?, ?, ?, ?, ?)")) {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("fxd-web-run");
            java.nio.file.Files.writeString(dir.resolve("report.html"), "<html><body><h1>Backtest report</h1></body></html>");
            java.nio.file.Files.writeString(dir.resolve("trades.csv"), "position_id,symbol,side,lots,net_pnl\n"
                    + "p1,EURUSD,buy,0.50,12.30\np2,EURUSD,sell,0.20,-4.10\n");
            long now = System.currentTimeMillis();
            Object[][] rows = {{RUN, "running", 0.25, "{\"trades\": 3}", null, now - 10_000, null},
                    {DONE_RUN, "done", 1.0, JSON.writeValueAsString(Map.of("trades", 2, "net_pnl", 8.2, "skill_gate",
                            SkillGateFigures.json(Map.of(SYMBOL, gate.summary())))), dir.resolve("report.html").toString(),
                            now - 60_000, now - 30_000}};
            for (Object[] r : rows) {
                ps.setString(1, (String) r[0]);
                ps.setLong(2, START);
                ps.setLong(3, START + 86_400_000L);
                ps.setString(4, (String) r[1]);
                ps.setDouble(5, (Double) r[2]);
                ps.setString(6, (String) r[3]);
                ps.setString(7, (String) r[4]);
                ps.setLong(8, (Long) r[5]);
                ps.setObject(9, r[6]);
                ps.executeUpdate();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    static Response get(HttpClient http, String base, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r.headers());
    }

    static Response send(HttpClient http, String base, String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r.headers());
    }
}
