package com.forexdiffusion.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.web.runs.JobRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every endpoint of the API against a real database and a real server on 127.0.0.1; subclasses give SQLite and
 * PostgreSQL. Bad parameters must give 400 naming the field, unknown ids 404, and never a stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DashboardApiContract {
    final HttpClient http = HttpClient.newHttpClient();
    Database db;
    DashboardServer server;
    String base;
    Path checkpointDir;

    abstract Database open() throws Exception;

    @BeforeAll
    void start() throws Exception {
        db = open();
        Fixture.fill(db, 45);
        checkpointDir = Files.createTempDirectory("fxd-web-ckpt");
        JobRunner runner = (id, r, progress) -> {
            for (int i = 1; i <= 4; i++) {
                progress.update(i, 4);
            }
            Path out = checkpointDir.resolve(id + ".txt");
            Files.writeString(out, r.kind() + " " + r.symbol());
            return out.toString();
        };
        server = DashboardServer.builder(db).port(0).jobs(runner).build().start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    Fixture.Response get(String path) throws Exception {
        return Fixture.get(http, base, path);
    }

    static void assertBadField(Fixture.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo(field);
        assertThat(r.json().get("error").asText()).contains(field);
        assertThat(r.body()).doesNotContain("at com.").doesNotContain("Exception");
    }

    @Test
    void healthIsOk() throws Exception {
        JsonNode h = get("/api/health").json();
        assertThat(h.get("status").asText()).isEqualTo("ok");
        assertThat(h.get("database").asText()).isEqualTo(db.dialect().name().toLowerCase());
        assertThat(h.get("auth").asBoolean()).isFalse();
    }

    @Test
    void candlesAreTheStoredBarsInTheRange() throws Exception {
        BarSeries all = db.candles().readAll("EURUSD", Timeframe.M5);
        String from = Instant.ofEpochMilli(all.ts(100)).toString();
        String to = Instant.ofEpochMilli(all.ts(400)).toString();
        JsonNode c = get("/api/candles?symbol=eurusd&timeframe=M5&from=" + from + "&to=" + to).json().get("candles");
        assertThat(c.size()).isEqualTo(300);
        assertThat(c.get(0).get("time").asLong() * 1000).isEqualTo(all.ts(100));
        assertThat(c.get(0).get("volume").asDouble()).isEqualTo(all.volume(100));
        assertThat(c.get(0).get("close").asDouble()).isEqualTo(all.close(100));
        assertThat(c.get(299).get("high").asDouble()).isEqualTo(all.high(399));
        assertThat(get("/api/candles?symbol=EURUSD&timeframe=M5").json().get("candles").size()).isEqualTo(all.size());
        assertThat(get("/api/series").json().get("series").toString()).contains("\"M15\"").contains("EURUSD");
    }

    @Test
    void theColumnarFormHoldsTheSameBarsAndAKeptResponseNeverOutlivesAChangedBar() throws Exception {
        BarSeries all = db.candles().readAll("EURUSD", Timeframe.M5);
        String range = "/api/candles?symbol=EURUSD&timeframe=M5&from=" + Instant.ofEpochMilli(all.ts(100)) + "&to="
                + Instant.ofEpochMilli(all.ts(400));
        JsonNode rows = get(range).json().get("candles");
        JsonNode cols = get(range + "&format=columns").json();
        assertThat(cols.get("time").size()).isEqualTo(300);
        for (int i = 0; i < 300; i += 37) {
            for (String f : List.of("time", "open", "high", "low", "close", "volume")) {
                assertThat(cols.get(f).get(i).asDouble()).as(f + " " + i).isEqualTo(rows.get(i).get(f).asDouble());
            }
        }
        assertThat(get(range).headers().firstValue("Server-Timing").orElse("")).contains("kept");
        // Another writer (a paper session, an import) changes one bar: the next response has the new close.
        int k = 250;
        double changed = all.close(k) + 0.00123;
        try (var w = db.candles().writer()) {
            w.add("EURUSD", Timeframe.M5, all.ts(k), all.open(k), Math.max(all.high(k), changed),
                    Math.min(all.low(k), changed), changed, all.volume(k), "synthetic");
            w.commit();
        }
        try {
            assertThat(get(range).json().get("candles").get(k - 100).get("close").asDouble()).isEqualTo(changed);
            assertThat(get(range + "&format=columns").json().get("close").get(k - 100).asDouble()).isEqualTo(changed);
        } finally {
            try (var w = db.candles().writer()) {
                w.add("EURUSD", Timeframe.M5, all.ts(k), all.open(k), all.high(k), all.low(k), all.close(k),
                        all.volume(k), "synthetic");
                w.commit();
            }
        }
        assertBadField(get(range + "&format=csv"), "format");
    }

    @Test
    void badCandleParametersAre400NamingTheField() throws Exception {
        assertBadField(get("/api/candles?timeframe=M5"), "symbol");
        assertBadField(get("/api/candles?symbol=EURUSD&timeframe=M7"), "timeframe");
        assertBadField(get("/api/candles?symbol=EURUSD&timeframe=M5&from=yesterday"), "from");
        assertBadField(get("/api/candles?symbol=EURUSD&timeframe=M5&from=2024-02-01&to=2024-01-01"), "to");
        assertBadField(get("/api/candles?symbol=%3Cscript%3E&timeframe=M5"), "symbol");
        assertThat(get("/api/candles?symbol=GBPJPY&timeframe=M5").status()).isEqualTo(404);
    }

    @Test
    void forecastIsThePredictionsFormOfTheBaseline() throws Exception {
        JsonNode f = get("/api/forecast?symbol=EURUSD&timeframe=M15&forecaster=rw-garch").json();
        BarSeries bars = db.candles().readAll("EURUSD", Timeframe.M15);
        int n = bars.size();
        // The same forecast made directly: fitted on up to 5000 bars before the last, then the last window.
        int train = Math.min(5000, n - 1);
        Forecaster fitted = ForecasterFactory.named("rw-garch", Fixture.HORIZONS).fit(bars.slice(n - train - 1, n));
        Forecast direct = fitted.forecast(new ForecastRequest(bars.slice(n - fitted.lookback() - 1, n),
                Fixture.HORIZONS, 50, 42, false));
        assertThat(f.get("symbol").asText()).isEqualTo("EURUSD");
        assertThat(f.get("time").asText()).isEqualTo(Instant.ofEpochMilli(bars.lastTs()).toString());
        assertThat(f.get("model").asText()).isEqualTo("rw-garch");
        for (String h : List.of("15", "60", "240")) {
            JsonNode p = f.get("predictions").get(h);
            var d = direct.at(new com.forexdiffusion.core.Horizon(Integer.parseInt(h)));
            assertThat(p.get("mean").asDouble()).isCloseTo(d.mean(), within(1e-12));
            assertThat(p.get("std").asDouble()).isCloseTo(d.std(), within(1e-12));
            assertThat(p.get("q05").asDouble()).isCloseTo(d.q05(), within(1e-12));
            assertThat(p.get("q95").asDouble()).isCloseTo(d.q95(), within(1e-12));
            assertThat(p.get("q05").asDouble()).isLessThan(p.get("q50").asDouble());
        }
    }

    @Test
    void badForecastParametersAre400() throws Exception {
        assertBadField(get("/api/forecast?symbol=EURUSD&timeframe=M15&forecaster=prophet"), "forecaster");
        assertBadField(get("/api/forecast?symbol=EURUSD&timeframe=M15&forecaster=ldm4ts"), "forecaster");
        assertBadField(get("/api/forecast?symbol=EURUSD&timeframe=H9"), "timeframe");
        assertThat(get("/api/forecast?symbol=USDCHF&timeframe=M15").status()).isEqualTo(404);
    }

    @Test
    void visionViewsArePngsOfTheWindow() throws Exception {
        for (String v : List.of("seg", "gaf", "rp", "rgb")) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/vision/" + v
                    + ".png?symbol=EURUSD&timeframe=M15&size=48")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("image/png");
            var img = ImageIO.read(new ByteArrayInputStream(r.body()));
            assertThat(img.getWidth()).isEqualTo(48);
            assertThat(img.getHeight()).isEqualTo(48);
        }
        assertBadField(get("/api/vision/xyz.png?symbol=EURUSD&timeframe=M15"), "view");
        assertBadField(get("/api/vision/gaf.png?symbol=EURUSD&timeframe=M15&size=4"), "size");
    }

    @Test
    void signalsCarrySixDimensionsAndAVerdict() throws Exception {
        JsonNode s = get("/api/signals?symbol=EURUSD&timeframe=M15&forecaster=rw-garch").json();
        assertThat(s.get("signals").size()).isEqualTo(3);
        for (JsonNode g : s.get("signals")) {
            assertThat(g.get("dimensions").size()).isEqualTo(6);
            g.get("dimensions").forEach(d -> assertThat(d.asDouble()).isBetween(0.0, 1.0));
            assertThat(g.get("accepted").asBoolean()).isEqualTo(g.get("reasons").isEmpty());
            boolean low = g.get("composite").asDouble() < s.get("min_quality").asDouble()
                    || g.get("strength").asDouble() < s.get("min_strength").asDouble()
                    || g.get("direction").asText().equals("neutral");
            assertThat(g.get("accepted").asBoolean()).isEqualTo(!low);
        }
        assertBadField(get("/api/signals?symbol=EURUSD"), "timeframe");
    }

    @Test
    void accountsShowPositionsOrdersTradesAndTheBalanceCurve() throws Exception {
        assertThat(get("/api/accounts").body()).contains(Fixture.ACCOUNT);
        JsonNode a = get("/api/accounts/" + Fixture.ACCOUNT).json();
        assertThat(a.get("account").get("currency").asText()).isEqualTo("USD");
        assertThat(a.get("session").get("symbol").asText()).isEqualTo("EURUSD");
        // The skill gate from the session's saved engine state: a random walk makes no directional call, so the gate
        // stood aside at every one of the M15 bars it judged from its 50th on.
        JsonNode g = a.get("session").get("skill_gate").get("EURUSD");
        long judged = db.candles().readAll("EURUSD", com.forexdiffusion.core.Timeframe.M15).size() - 50;
        assertThat(g.get("state").asText()).isEqualTo("closed");
        assertThat(g.get("decision_bars").asLong()).isEqualTo(judged);
        assertThat(g.get("signals").asLong()).isEqualTo(judged);
        assertThat(g.get("signals_stood_aside").asLong()).isEqualTo(judged);
        assertThat(g.get("bars_warming_up").asLong() + g.get("bars_no_skill").asLong()).isEqualTo(judged);
        assertThat(g.get("resolved_forecasts").asInt()).isEqualTo(200);
        assertThat(g.get("direction_calls").asInt()).isZero();
        assertThat(g.get("crps_ratio").asDouble()).isBetween(0.9, 1.1);
        assertThat(a.get("session").has("state_json")).as("the engine's memory stays in the database").isFalse();
        assertThat(a.get("positions").size()).isEqualTo(1);
        assertThat(a.get("positions").get(0).get("side").asText()).isEqualTo("sell");
        assertThat(a.get("trades").size()).isEqualTo(1);
        assertThat(a.get("orders").size()).isGreaterThanOrEqualTo(2);
        assertThat(a.get("balance_curve").size()).isGreaterThanOrEqualTo(2);
        double last = a.get("balance_curve").get(a.get("balance_curve").size() - 1).get("balance_after").asDouble();
        assertThat(last).isCloseTo(a.get("account").get("balance").asDouble(), within(1e-9));
        assertThat(get("/api/accounts/nobody").status()).isEqualTo(404);
        assertBadField(get("/api/accounts/a%20b"), "id");
    }

    @Test
    void modelHealthSummarisesThePredictionLog() throws Exception {
        String version = Fixture.modelVersion(db);
        assertThat(get("/api/models").json().get("logged").toString()).contains(version);
        JsonNode h = get("/api/model-health?model=" + java.net.URLEncoder.encode(version, "UTF-8") + "&bucket=day")
                .json();
        JsonNode o = h.get("overall");
        assertThat(o.get("forecasts").asInt()).isEqualTo(40);
        assertThat(o.get("predictions").asInt()).isEqualTo(120);
        assertThat(o.get("latency_p50_ms").asDouble()).isLessThanOrEqualTo(o.get("latency_p95_ms").asDouble());
        assertThat(o.get("latency_p95_ms").asDouble()).isLessThanOrEqualTo(o.get("latency_p99_ms").asDouble());
        assertThat(o.get("resolved").asInt()).isEqualTo(120);
        assertThat(o.get("coverage").asDouble()).isBetween(0.0, 1.0);
        assertThat(h.get("series").size()).isGreaterThanOrEqualTo(1);
        assertThat(h.get("inference_metrics").size()).isGreaterThanOrEqualTo(1);
        assertThat(get("/api/model-health?model=nope").status()).isEqualTo(404);
        assertBadField(get("/api/model-health?model=" + java.net.URLEncoder.encode(version, "UTF-8") + "&bucket=year"),
                "bucket");
        assertBadField(get("/api/model-health"), "model");
    }

    @Test
    void runsListTheStoredRunsAndJobsRunOneAtATime() throws Exception {
        JsonNode runs = get("/api/runs").json();
        assertThat(runs.get("backtests").toString()).contains(Fixture.RUN);
        JsonNode bt = runs.get("backtests").get(0);
        assertThat(bt.get("run_id").asText()).isEqualTo(Fixture.RUN);
        assertThat(bt.get("eta_seconds").asDouble()).isPositive();
        assertThat(runs.get("backtests").get(1).get("eta_seconds").isNull()).isTrue();
        JsonNode done = get("/api/runs/" + Fixture.DONE_RUN).json();
        assertThat(done.get("trades").size()).isEqualTo(2);
        assertThat(done.get("trades").get(1).get("net_pnl").asText()).isEqualTo("-4.10");
        assertThat(done.get("metrics").get("net_pnl").asDouble()).isEqualTo(8.2);
        assertThat(done.get("metrics").get("skill_gate").get("state").asText()).isEqualTo("no skill");
        assertThat(get("/api/runs/" + Fixture.DONE_RUN + "/report").body()).contains("Backtest report");
        assertThat(get("/api/runs/" + Fixture.RUN + "/report").status()).isEqualTo(404);
        assertThat(get("/api/runs/" + Fixture.RUN).json().get("metrics").get("trades").asInt()).isEqualTo(3);
        assertThat(get("/api/runs/nope").status()).isEqualTo(404);
        assertBadField(Fixture.send(http, base, "POST", "/api/jobs", "{\"kind\":\"train\"}"), "kind");
        assertBadField(Fixture.send(http, base, "POST", "/api/jobs",
                "{\"kind\":\"backtest\",\"symbol\":\"EURUSD\",\"timeframe\":\"M15\"}"), "from");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Fixture.Response r = Fixture.send(http, base, "POST", "/api/jobs", "{\"kind\":\"backtest\",\"symbol\":"
                    + "\"EURUSD\",\"timeframe\":\"M15\",\"from\":\"2024-01-20\",\"forecaster\":\"rw-ewma\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            ids.add(r.json().get("id").asText());
        }
        for (String id : ids) {
            JsonNode j = null;
            for (int k = 0; k < 100; k++) {
                j = get("/api/jobs/" + id).json();
                if (j.get("status").asText().equals("DONE")) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(j.get("status").asText()).isEqualTo("DONE");
            assertThat(j.get("progress").asDouble()).isEqualTo(1.0);
            assertThat(Files.readString(Path.of(j.get("result").asText()))).isEqualTo("BACKTEST EURUSD");
        }
        JsonNode first = get("/api/jobs/" + ids.get(0)).json(), second = get("/api/jobs/" + ids.get(1)).json();
        assertThat(second.get("startedAt").asLong()).isGreaterThanOrEqualTo(first.get("finishedAt").asLong());
        assertThat(get("/api/jobs/job-0").status()).isEqualTo(404);
    }

    @Test
    void settingsPersistValidatePerFieldAndDriveTheForecast() throws Exception {
        JsonNode v = get("/api/settings").json();
        assertThat(v.get("settings").get("mc_samples").asInt()).isEqualTo(50);
        assertThat(v.get("settings").get("window").asInt()).isEqualTo(100);
        assertThat(v.get("settings").get("horizon_weights").get("60").asDouble()).isEqualTo(0.5);
        assertThat(v.get("status").get("light").asText()).isEqualTo("grey");

        Fixture.Response bad = Fixture.send(http, base, "PUT", "/api/settings",
                "{\"mc_samples\": 5, \"window\": 300, \"horizon_weights\": {\"15\":0.5,\"60\":0.5,\"240\":0.5}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("mc_samples").asText()).contains("10..200");
        assertThat(bad.json().get("fields").get("window").asText()).contains("50..200");
        assertThat(bad.json().get("fields").get("horizon_weights").asText()).contains("sum to 150.0%");
        assertBadField(Fixture.send(http, base, "PUT", "/api/settings", "{\"enabled\": true}"), "checkpoint");
        assertBadField(Fixture.send(http, base, "PUT", "/api/settings", "not json"), "body");

        Fixture.Response ok = Fixture.send(http, base, "PUT", "/api/settings", "{\"mc_samples\": 77, \"horizons\": "
                + "[15, 60], \"horizon_weights\": {\"15\": 0.4, \"60\": 0.6}, \"min_quality\": 0.5}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        // Read back through a fresh connection to the same database: it is persisted, not cached.
        var stored = new com.forexdiffusion.web.settings.SettingsStore(db).load();
        assertThat(stored.mcSamples()).isEqualTo(77);
        assertThat(stored.horizons()).containsExactly(15, 60);
        assertThat(stored.minQuality()).isEqualTo(0.5);
        JsonNode f = get("/api/forecast?symbol=EURUSD&timeframe=M15").json();
        assertThat(f.get("predictions").size()).isEqualTo(2);
        assertThat(f.get("samples").asInt()).isEqualTo(77);

        Files.writeString(checkpointDir.resolve("model.safetensors"), "x");
        JsonNode orange = Fixture.send(http, base, "PUT", "/api/settings", "{\"enabled\": true, \"checkpoint\": \""
                + checkpointDir.resolve("missing").toString().replace("\\", "/") + "\"}").json();
        assertThat(orange.get("status").get("light").asText()).isEqualTo("orange");
        JsonNode green = Fixture.send(http, base, "PUT", "/api/settings", "{\"checkpoint\": \""
                + checkpointDir.toString().replace("\\", "/") + "\"}").json();
        assertThat(green.get("status").get("light").asText()).isEqualTo("green");
        // Enabled, LDM4TS is the default forecaster; this server's catalogue has none, which must say so.
        assertBadField(get("/api/forecast?symbol=EURUSD&timeframe=M15"), "forecaster");
        Fixture.send(http, base, "PUT", "/api/settings", "{\"enabled\": false, \"mc_samples\": 50, \"horizons\": [15, "
                + "60, 240], \"horizon_weights\": {\"15\": 0.3, \"60\": 0.5, \"240\": 0.2}, \"min_quality\": 0.65}");
        assertThat(get("/api/settings").json().get("status").get("light").asText()).isEqualTo("grey");
    }

    @Test
    void unknownEndpointsAre404AndThePageIsServed() throws Exception {
        Fixture.Response r = get("/api/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).contains("/api/nothing-here");
        for (String p : List.of("/", "/chart", "/signals", "/account", "/model-health", "/runs", "/settings")) {
            Fixture.Response page = get(p);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("/assets/app.js");
        }
        assertThat(get("/assets/vendor/lightweight-charts.standalone.production.js").body())
                .contains("LightweightCharts");
    }
}
