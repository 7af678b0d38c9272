package com.forexdiffusion.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.trading.paper.PaperSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static com.forexdiffusion.web.BrowserSupport.await;
import static com.forexdiffusion.web.BrowserSupport.js;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every page in a real headless chromium against a real server and SQLite store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    final HttpClient http = HttpClient.newHttpClient();
    Database db;
    DashboardServer server;
    String base;
    ChromeDriver browser;

    @BeforeAll
    void start() throws Exception {
        browser = BrowserSupport.start();
        db = Database.open("sqlite:" + Files.createTempDirectory("fxd-web-browser").resolve("fxd.db"));
        Fixture.fill(db, 45);
        server = DashboardServer.builder(db).port(0).jobs((id, r, progress) -> {
            for (int i = 1; i <= 5; i++) {
                Thread.sleep(40);
                progress.update(i, 5);
            }
            return "runs/" + id;
        }).build().start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void chartDrawsTheCandlesAndTheForecastFanWithItsNumbers() throws Exception {
        browser.get(base + "/chart?symbol=EURUSD&timeframe=M15&forecaster=rw-garch");
        await(browser, "window.fxd.drawn && document.querySelectorAll('#horizons tbody tr').length === 3 && "
                + "document.querySelector('#fan polygon[data-band=\"q05-q95\"]')", WAIT);
        long painted = (Long) js(browser, "let best = 0; for (const c of document.querySelectorAll('#chart canvas')) {"
                + " if (!c.width || !c.height) continue; const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && !(d[i] === 26 && d[i + 1] === 32 && d[i + 2] === 42)) n++; }"
                + " best = Math.max(best, n); } return best;");
        assertThat(painted).as("non-background pixels on the chart canvas").isGreaterThan(2000);
        assertThat((Long) js(browser, "return window.fxd.candles;")).isEqualTo(
                db.candles().count("EURUSD", Timeframe.M15));

        JsonNode f = Fixture.get(http, base, "/api/forecast?symbol=EURUSD&timeframe=M15&forecaster=rw-garch").json();
        List<String> hs = List.of("15", "60", "240");
        double[] lower = numbers(attr("#fan polygon[data-band=\"q05-q95\"]", "data-lower"));
        double[] upper = numbers(attr("#fan polygon[data-band=\"q05-q95\"]", "data-upper"));
        double[] sigmaHi = numbers(attr("#fan polygon[data-band=\"1sigma\"]", "data-upper"));
        double[] twoSigmaLo = numbers(attr("#fan polygon[data-band=\"2sigma\"]", "data-lower"));
        for (int i = 0; i < 3; i++) {
            JsonNode p = f.get("predictions").get(hs.get(i));
            assertThat(lower[i]).isCloseTo(p.get("q05").asDouble(), within(1e-12));
            assertThat(upper[i]).isCloseTo(p.get("q95").asDouble(), within(1e-12));
            assertThat(sigmaHi[i]).isCloseTo(p.get("mean").asDouble() + p.get("std").asDouble(), within(1e-12));
            assertThat(twoSigmaLo[i]).isCloseTo(p.get("mean").asDouble() - 2 * p.get("std").asDouble(), within(1e-12));
            WebElement row = browser.findElement(By.cssSelector("#horizons tr[data-horizon=\"" + hs.get(i) + "\"]"));
            assertThat(Double.parseDouble(row.getDomAttribute("data-q50"))).isCloseTo(p.get("q50").asDouble(),
                    within(1e-12));
            assertThat(row.getText()).contains(String.format(java.util.Locale.ROOT, "%.5f", p.get("mean").asDouble()));
        }
        String points = attr("#fan polygon[data-band=\"q05-q95\"]", "points");
        assertThat(points.split(" ")).hasSize(8);
        await(browser, "['seg','gaf','rp'].every(v => document.getElementById('vision-' + v).naturalWidth === 64)", WAIT);
        assertThat(browser.findElements(By.cssSelector("#past tbody tr"))).isNotEmpty();
        pastForecastsAreDrawnWithTheirOutcomes();
        BrowserSupport.screenshot(browser, "chart");
    }

    /** Each logged forecast is a marker at its target bar (hit or miss as logged) on a line of past q50 per horizon. */
    private void pastForecastsAreDrawnWithTheirOutcomes() throws Exception {
        await(browser, "window.fxd.past", WAIT);
        JsonNode logged = Fixture.get(http, base, "/api/predictions?symbol=EURUSD&timeframe=M15&limit=500").json()
                .get("predictions");
        long hits = 0;
        long misses = 0;
        for (JsonNode p : logged) {
            hits += p.get("interval_hit").asInt(-1) == 1 || p.get("interval_hit").asText().equals("true") ? 1 : 0;
            misses += p.get("interval_hit").asInt(-1) == 0 || p.get("interval_hit").asText().equals("false") ? 1 : 0;
        }
        assertThat(hits + misses).as("the fixture's forecasts are resolved").isPositive();
        assertThat((Long) js(browser, "return window.fxd.past.plugin.markers().length;")).isEqualTo(logged.size());
        assertThat((Long) js(browser, "return window.fxd.past.hits;")).isEqualTo(hits);
        assertThat((Long) js(browser, "return window.fxd.past.misses;")).isEqualTo(misses);
        // The 60-minute line: q50 of each forecast at its target bar.
        JsonNode first60 = null;
        for (JsonNode p : logged) {
            if (p.get("horizon_minutes").asInt() == 60) {
                first60 = p;
            }
        }
        Object v = js(browser, "const d = window.fxd.past.lines[60].data(); const t = arguments[0];"
                + " const x = d.find(p => p.time === t); return x ? x.value : null;", first60.get("target_time").asLong() / 1000);
        assertThat(((Number) v).doubleValue()).isCloseTo(first60.get("median_pred").asDouble(), within(1e-12));
        // And they are painted: pixels of the hit and the miss colour on the chart's canvases.
        String count = "let n = 0; for (const c of document.querySelectorAll('#chart canvas')) { if (!c.width || !c.height) continue;"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " for (let i = 0; i < d.length; i += 4) if (d[i] === arguments[0] && d[i + 1] === arguments[1] && d[i + 2] === arguments[2]) n++; }"
                + " return n;";
        if (hits > 0) {
            assertThat((Long) js(browser, count, 0, 230, 118)).as("hit markers (#00e676) painted").isPositive();
        }
        if (misses > 0) {
            assertThat((Long) js(browser, count, 255, 61, 154)).as("miss markers (#ff3d9a) painted").isPositive();
        }
    }

    @Test
    void signalsShowSixDimensionsAndTheVerdict() throws Exception {
        browser.get(base + "/signals?symbol=EURUSD&timeframe=M15");
        await(browser, "window.fxd.ready", WAIT);
        List<WebElement> rows = browser.findElements(By.cssSelector("#signals tbody tr"));
        assertThat(rows).hasSize(3);
        JsonNode api = Fixture.get(http, base, "/api/signals?symbol=EURUSD&timeframe=M15").json().get("signals");
        for (int i = 0; i < rows.size(); i++) {
            List<WebElement> dims = rows.get(i).findElements(By.cssSelector("td.dim"));
            assertThat(dims).hasSize(6);
            for (WebElement d : dims) {
                double v = Double.parseDouble(d.getDomAttribute("data-value"));
                assertThat(v).isCloseTo(api.get(i).get("dimensions").get(d.getDomAttribute("data-dimension")).asDouble(),
                        within(1e-12));
                String style = d.findElement(By.cssSelector(".bar > span")).getDomAttribute("style");
                assertThat(Double.parseDouble(style.replaceAll("[^0-9.]", ""))).isCloseTo(100 * v, within(0.51));
            }
            assertThat(Double.parseDouble(rows.get(i).findElement(By.cssSelector("td[data-lots]")).getDomAttribute(
                    "data-lots"))).isEqualTo(api.get(i).get("size").get("lots").asDouble());
            String verdict = rows.get(i).findElement(By.cssSelector("td[data-accepted]")).getText();
            assertThat(verdict).startsWith(api.get(i).get("accepted").asBoolean() ? "accepted" : "rejected: ");
        }
        assertThat(browser.findElement(By.id("calibration")).getDomAttribute("data-mode")).isEqualTo("aci");
        assertThat(browser.findElement(By.id("calibration")).getText()).contains("aci-calibrated forecast");
        BrowserSupport.screenshot(browser, "signals");
    }

    @Test
    void accountShowsTheSessionAndReceivesItsBarsLive() throws Exception {
        browser.get(base + "/account?id=" + Fixture.ACCOUNT);
        await(browser, "window.fxd.ready && document.getElementById('live').classList.contains('on')", WAIT);
        assertThat(browser.findElements(By.cssSelector("#positions tbody tr"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#trades tbody tr"))).hasSize(1);
        assertThat(browser.findElement(By.id("equity")).getText()).isNotEqualTo("–");
        WebElement gate = browser.findElement(By.cssSelector("#account-skill-gate [data-symbol=\"EURUSD\"]"));
        assertThat(gate.getDomAttribute("data-state")).isEqualTo("closed");
        assertThat(gate.getText()).contains("EURUSD skill gate closed: stood aside on").contains("200 resolved forecasts");
        // What a paper session writes after a bar: the bar, then its session row. The page must hear of it.
        BarSeries m5 = db.candles().readAll("EURUSD", Timeframe.M5);
        long next = m5.lastTs() + Timeframe.M5.millis();
        double c = m5.close(m5.size() - 1);
        long t0 = System.currentTimeMillis();
        try (CandleWriter w = db.candles().writer()) {
            w.add("EURUSD", Timeframe.M5, next, c, c + 0.0004, c - 0.0003, c + 0.0001, 100, "synthetic");
            w.commit();
        }
        new PaperSessions(db).advance(Fixture.ACCOUNT, next, null, System.currentTimeMillis());
        await(browser, "window.fxd.live.some(m => m.type === 'equity' && m.account === '" + Fixture.ACCOUNT + "')",
                Duration.ofSeconds(5));
        long received = (Long) js(browser, "return window.fxd.live.find(m => m.type === 'equity').received_at;");
        assertThat(received - t0).as("ms from the session's write to the page").isLessThan(1000);
        assertThat(browser.findElement(By.id("last-bar")).getText()).isEqualTo(java.time.Instant.ofEpochMilli(next)
                .toString().replace("Z", ".000Z"));
        BrowserSupport.screenshot(browser, "account");
    }

    @Test
    void modelHealthShowsLatencyAndOutcomeRates() throws Exception {
        browser.get(base + "/model-health");
        await(browser, "window.fxd.ready", WAIT);
        String text = browser.findElement(By.id("health-overall")).getText();
        assertThat(text).contains("latency p50").contains("p95").contains("p99").contains("coverage")
                .contains("40 forecasts, 120 resolved");
        assertThat(browser.findElements(By.cssSelector("#health-series tbody tr"))).isNotEmpty();
        BrowserSupport.screenshot(browser, "model-health");
    }

    @Test
    void runsListTheRunsAndStartAJobFromThePage() throws Exception {
        browser.get(base + "/runs");
        await(browser, "window.fxd.ready", WAIT);
        assertThat(browser.findElement(By.id("backtests")).getText()).contains(Fixture.RUN);
        browser.findElement(By.id("job-from")).sendKeys("2024-01-20");
        browser.findElement(By.id("job-start")).click();
        await(browser, "document.querySelector('#jobs tr[data-status=\"DONE\"]')", WAIT);
        assertThat(browser.findElement(By.id("jobs")).getText()).contains("BACKTEST").contains("100%");
        browser.findElement(By.id("job-kind")).sendKeys("evaluate");
        browser.findElement(By.id("job-timeframe")).clear();
        browser.findElement(By.id("job-timeframe")).sendKeys("M7");
        browser.findElement(By.id("job-start")).click();
        await(browser, "document.getElementById('job-error').textContent.includes('timeframe')", WAIT);
        BrowserSupport.screenshot(browser, "runs");
        browser.get(base + "/runs?id=" + Fixture.DONE_RUN);
        await(browser, "window.fxd.ready && document.getElementById('run-detail')", WAIT);
        assertThat(browser.findElements(By.cssSelector("#run-trades tbody tr"))).hasSize(2);
        assertThat(browser.findElement(By.id("run-metrics")).getText()).contains("net_pnl").contains("8.2");
        // The skill gate of the run: closed at the end, with why and what it stood aside on.
        long judged = db.candles().readAll("EURUSD", Timeframe.M15).size() - 50;
        WebElement gate = browser.findElement(By.id("run-skill-gate"));
        assertThat(gate.getDomAttribute("data-state")).isEqualTo("no skill");
        assertThat(gate.getText()).contains("skill gate no skill: stood aside on " + judged + " of " + judged
                + " signals").contains("EURUSD: no skill: CRPS ratio to the random walk").contains("no directional call");
        assertThat(browser.findElements(By.cssSelector("#run-skill-gate .light.orange"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("#run-detail a")).getDomAttribute("href"))
                .isEqualTo("/api/runs/" + Fixture.DONE_RUN + "/report");
    }

    @Test
    void aSettingSavedInThePageIsReadBackAfterAReload() throws Exception {
        browser.get(base + "/settings");
        await(browser, "window.fxd.ready", WAIT);
        assertThat(browser.findElement(By.id("settings-light")).getDomAttribute("data-light")).isEqualTo("grey");
        WebElement samples = browser.findElement(By.id("f-mc_samples"));
        samples.clear();
        samples.sendKeys("5");
        browser.findElement(By.id("save")).click();
        await(browser, "document.querySelector('.error[data-field=\"mc_samples\"]').textContent.includes('10..200')", WAIT);
        samples.clear();
        samples.sendKeys("77");
        WebElement quality = browser.findElement(By.id("f-min_quality"));
        quality.clear();
        quality.sendKeys("70");
        browser.findElement(By.id("save")).click();
        await(browser, "document.getElementById('saved').textContent.startsWith('saved')", WAIT);
        browser.navigate().refresh();
        await(browser, "window.fxd.ready", WAIT);
        assertThat(browser.findElement(By.id("f-mc_samples")).getDomProperty("value")).isEqualTo("77");
        assertThat(browser.findElement(By.id("f-min_quality")).getDomProperty("value")).isEqualTo("70");
        assertThat(new com.forexdiffusion.web.settings.SettingsStore(db).load().mcSamples()).isEqualTo(77);
        BrowserSupport.screenshot(browser, "settings");
        Fixture.send(http, base, "PUT", "/api/settings", "{\"mc_samples\": 50, \"min_quality\": 0.65}");
    }

    private String attr(String css, String name) {
        return browser.findElement(By.cssSelector(css)).getDomAttribute(name);
    }

    private static double[] numbers(String csv) {
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
