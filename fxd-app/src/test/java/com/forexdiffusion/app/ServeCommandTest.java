package com.forexdiffusion.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * fxd serve: the exact forms other tools rely on, and a paper session running in this process (fxd paper --follow)
 * whose bars, forecasts and equity reach an open page (headless chromium) and a WebSocket client within a second, and
 * which takes a setting saved through
 * the API at its next bar.
 */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aNonLoopbackBindWithoutATokenExits2NamingTheToken() {
        Cli c = Cli.run("serve", "--db", "sqlite:" + dir.resolve("a.db"), "--bind", "0.0.0.0", "--port", "0");
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.err()).contains("--token").contains("FXD_TOKEN");
    }

    @Test
    void printsWhereItServesAndAnswersHealth() throws Exception {
        Running s = serve("sqlite:" + dir.resolve("b.db"));
        try {
            assertThat(s.line).matches("serving http://127\\.0\\.0\\.1:\\d+/");
            JsonNode h = JSON.readTree(get(s.base + "/api/health"));
            assertThat(h.get("status").asText()).isEqualTo("ok");
            assertThat(h.get("forecasters").toString()).contains("ldm4ts");
        } finally {
            s.thread.interrupt();
            s.thread.join(10_000);
        }
    }

    @Test
    void aRunningPaperSessionReachesTheOpenPageWithinOneSecondAndTakesNewSettings() throws Exception {
        String db = "sqlite:" + dir.resolve("live.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "40", "--seed", "5").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "M15").code()).isZero();
        BarSeries m15;
        try (Database d = Database.open(db)) {
            m15 = d.candles().readAll("EURUSD", Timeframe.M15);
        }
        Running s = serve(db);
        List<JsonNode> messages = new CopyOnWriteArrayList<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(s.base.replace("http", "ws") + "/ws"),
                new WebSocket.Listener() {
                    final StringBuilder part = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        part.append(data);
                        if (last) {
                            try {
                                JsonNode m = JSON.readTree(part.toString());
                                ((com.fasterxml.jackson.databind.node.ObjectNode) m).put("received_at",
                                        System.currentTimeMillis());
                                messages.add(m);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            part.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        // A real page too: the account page of the session, in headless chromium.
        ChromeDriver browser = chromium();
        String from = Instant.ofEpochMilli(m15.ts(m15.size() - 5)).toString();
        Thread paper = new Thread(() -> Cli.run("paper", "--db", db, "--symbol", "EURUSD", "--timeframe", "M15",
                "--account", "live", "--from", from, "--train-bars", "1500", "--follow", "--poll-seconds", "0.1",
                "--live-settings"), "paper");
        paper.start();
        try {
            long last = m15.lastTs();
            awaitSessionAt(db, last);
            browser.get(s.base + "/account?id=live");
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                    .executeScript("return !!(window.fxd && window.fxd.ready && "
                            + "document.getElementById('live').classList.contains('on'));")));
            long next = last + Timeframe.M15.millis();
            long t0 = append(db, next, m15.close(m15.size() - 1));
            JsonNode bar = await(messages, "bar", next);
            JsonNode forecast = await(messages, "forecast", next);
            JsonNode equity = await(messages, "equity", next);
            for (JsonNode m : List.of(bar, forecast, equity)) {
                assertThat(m.get("received_at").asLong() - t0).as(m.get("type") + " ms after the bar was stored")
                        .isLessThan(1000);
                assertThat(m.get("account").asText()).isEqualTo("live");
            }
            assertThat(forecast.get("predictions").size()).isEqualTo(3);
            for (String type : List.of("bar", "forecast", "equity")) {
                Object at = ((JavascriptExecutor) browser).executeScript("const m = window.fxd.live.find(x => x.type "
                        + "=== arguments[0] && x.account === 'live'); return m ? m.received_at : null;", type);
                assertThat(at).as("the page got a '" + type + "' message").isNotNull();
                assertThat(((Number) at).longValue() - t0).as(type + " at the page, ms after the bar was stored")
                        .isLessThan(1000);
            }
            assertThat(browser.findElement(By.id("last-bar")).getText()).startsWith(Instant.ofEpochMilli(next)
                    .toString().replace("Z", ""));
            assertThat(samplesLoggedAt(db, next)).isEqualTo(50);

            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(s.base + "/api/settings"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"mc_samples\": 77}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            long after = next + Timeframe.M15.millis();
            append(db, after, m15.close(m15.size() - 1));
            await(messages, "forecast", after);
            assertThat(samplesLoggedAt(db, after)).as("the next forecast uses the saved MC samples").isEqualTo(77);
        } finally {
            browser.quit();
            ws.abort();
            paper.interrupt();
            paper.join(10_000);
            s.thread.interrupt();
            s.thread.join(10_000);
        }
    }

    @Test
    void anEnabledCheckpointTurnsTheLightGreenAndForecastsWithLdm4ts() throws Exception {
        String db = "sqlite:" + dir.resolve("model.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "20", "--seed", "4").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "M5").code()).isZero();
        Path model = dir.resolve("model");
        Cli t = Cli.run("train", "--db", db, "--symbol", "EURUSD", "--timeframe", "M5", "--epochs", "1",
                "--vae-epochs", "1", "--vae-images", "32", "--stride", "40", "--validation-windows", "8",
                "--validation-samples", "4", "--horizons", "15,30", "--out", model.toString());
        assertThat(t.code()).as(t.err()).isZero();
        Running s = serve(db);
        try {
            JsonNode orange = put(s.base, "{\"enabled\": true, \"checkpoint\": \"" + dir.resolve("none") + "\"}");
            assertThat(orange.get("status").get("light").asText()).isEqualTo("orange");
            JsonNode green = put(s.base, "{\"checkpoint\": \"" + model + "\", \"horizons\": [15, 30], "
                    + "\"horizon_weights\": {\"15\": 0.4, \"30\": 0.6}, \"mc_samples\": 10}");
            assertThat(green.get("status").get("light").asText()).as(green.toString()).isEqualTo("green");
            JsonNode f = JSON.readTree(get(s.base + "/api/forecast?symbol=EURUSD&timeframe=M5"));
            assertThat(f.get("model").asText()).as(f.toString()).isEqualTo("ldm4ts");
            assertThat(f.get("model_version").asText()).startsWith("ldm4ts-");
            assertThat(f.get("samples").asInt()).isEqualTo(10);
            for (String h : List.of("15", "30")) {
                JsonNode p = f.get("predictions").get(h);
                assertThat(p.get("q05").asDouble()).isLessThanOrEqualTo(p.get("q50").asDouble());
                assertThat(p.get("q50").asDouble()).isLessThanOrEqualTo(p.get("q95").asDouble());
            }
            JsonNode wrongTf = JSON.readTree(get(s.base + "/api/forecast?symbol=EURUSD&timeframe=M1"));
            assertThat(wrongTf.get("field").asText()).isEqualTo("timeframe");
            JsonNode runs = JSON.readTree(get(s.base + "/api/runs"));
            assertThat(runs.get("trainings").get(0).get("status").asText()).isEqualTo("done");
            assertThat(get(s.base + "/api/models")).contains(f.get("model_version").asText());
        } finally {
            s.thread.interrupt();
            s.thread.join(10_000);
        }
    }

    @Test
    void aBacktestStartedFromTheApiRunsTheRealCommandAndRecordsItsRun() throws Exception {
        String db = "sqlite:" + dir.resolve("jobs.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "30", "--seed", "8").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "M5").code()).isZero();
        BarSeries m5;
        try (Database d = Database.open(db)) {
            m5 = d.candles().readAll("EURUSD", Timeframe.M5);
        }
        Running s = serve(db);
        try {
            String body = "{\"kind\": \"backtest\", \"symbol\": \"EURUSD\", \"timeframe\": \"M5\", \"from\": \""
                    + Instant.ofEpochMilli(m5.ts(5600)) + "\", \"forecaster\": \"rw-ewma\"}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.base + "/api/jobs"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            String id = JSON.readTree(r.body()).get("id").asText();
            JsonNode job = null;
            for (int i = 0; i < 1200; i++) {
                job = JSON.readTree(get(s.base + "/api/jobs/" + id));
                if (job.get("status").asText().matches("DONE|FAILED")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("DONE");
            Path out = Path.of(job.get("result").asText());
            assertThat(out.resolve("report.html")).exists();
            assertThat(out.resolve("metrics.json")).exists();
            JsonNode runs = JSON.readTree(get(s.base + "/api/runs")).get("backtests");
            assertThat(runs.size()).isEqualTo(1);
            assertThat(runs.get(0).get("status").asText()).isEqualTo("done");
            assertThat(runs.get(0).get("progress").asDouble()).isEqualTo(1.0);
            String run = runs.get(0).get("run_id").asText();
            assertThat(JSON.readTree(get(s.base + "/api/runs/" + run)).get("metrics").size()).isPositive();
            assertThat(get(s.base + "/api/runs/" + run + "/report")).contains("<html");
        } finally {
            s.thread.interrupt();
            s.thread.join(10_000);
        }
    }

    private JsonNode put(String base, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/settings"))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Debian's chromium, headless; missing binaries fail the test (.ci/run installs them). */
    private static ChromeDriver chromium() throws java.io.IOException {
        Path bin = Path.of("/usr/bin/chromium"), driver = Path.of("/usr/bin/chromedriver");
        assertThat(java.nio.file.Files.isExecutable(bin) && java.nio.file.Files.isExecutable(driver))
                .as("chromium and chromium-driver must be installed (apt-get install -y chromium chromium-driver)")
                .isTrue();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(bin.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir="
                        + java.nio.file.Files.createTempDirectory("fxd-chromium").toAbsolutePath());
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build(), o);
    }

    private record Running(Thread thread, String line, String base) {
    }

    private static Running serve(String db) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String runs = Path.of(db.substring("sqlite:".length())).resolveSibling("runs").toString();
        Thread t = new Thread(() -> Main.run(new String[]{"serve", "--db", db, "--port", "0", "--runs-dir", runs}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err), "serve");
        t.start();
        Pattern p = Pattern.compile("serving (http://[^/]+)/");
        for (int i = 0; i < 300; i++) {
            Matcher m = p.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return new Running(t, m.group().trim(), m.group(1));
            }
            Thread.sleep(50);
        }
        t.interrupt();
        throw new AssertionError("fxd serve printed no 'serving' line: " + out.toString(StandardCharsets.UTF_8));
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long append(String db, long ts, double c) {
        try (Database d = Database.open(db); CandleWriter w = d.candles().writer()) {
            w.add("EURUSD", Timeframe.M15, ts, c, c + 0.0005, c - 0.0004, c + 0.0002, 120, "synthetic");
            w.commit();
        }
        return System.currentTimeMillis();
    }

    private static void awaitSessionAt(String db, long ts) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (Database d = Database.open(db); Connection c = d.connection(); ResultSet rs = c.createStatement()
                    .executeQuery("SELECT last_bar_ts FROM paper_sessions WHERE account_id = 'live'")) {
                if (rs.next() && rs.getLong(1) == ts) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the paper session did not reach the last stored bar");
    }

    private static JsonNode await(List<JsonNode> messages, String type, long barTs) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (JsonNode m : messages) {
                if (m.get("type").asText().equals(type) && barTime(m) == barTs) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + type + "' message for bar " + Instant.ofEpochMilli(barTs) + " in " + messages);
    }

    private static long barTime(JsonNode m) {
        return switch (m.get("type").asText()) {
            case "bar" -> m.get("bar").get("ts").asLong();
            case "forecast" -> Instant.parse(m.get("time").asText()).toEpochMilli();
            case "equity" -> m.get("time").asLong() * 1000;
            default -> -1;
        };
    }

    private static int samplesLoggedAt(String db, long ts) throws Exception {
        try (Database d = Database.open(db); Connection c = d.connection(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT MIN(num_samples), MAX(num_samples) FROM ldm4ts_predictions WHERE forecast_time = "
                        + ts)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(rs.getInt(2));
            return rs.getInt(1);
        }
    }
}
