package com.forexdiffusion.web;

import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.web.benchmark.ServeBenchmark;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Page load to chart drawn for a year of M5 from SQLite in headless chromium (docs/benchmarks.md): from the start
 * of navigation until the candles are set and two frames painted. Writes target/benchmarks/chart-load.json. The
 * bound asserted is loose (a regression guard on a shared 2-core machine); the figure is what matters.
 */
class ChartLoadBenchmarkTest {
    static final int LOADS = 6;

    @Test
    void aYearOfM5IsDrawnQuickly() throws Exception {
        ChromeDriver browser = BrowserSupport.start();
        try (Database db = Database.open("sqlite:" + Files.createTempDirectory("fxd-web-load").resolve("fxd.db"))) {
            ServeBenchmark.fillYearOfM5(db, 42);
            try (DashboardServer server = DashboardServer.builder(db).port(0).build().start()) {
                String url = "http://127.0.0.1:" + server.port() + "/chart?symbol=EURUSD&timeframe=M5";
                double[] ms = new double[LOADS - 1];
                long candles = 0;
                for (int i = 0; i < LOADS; i++) {
                    browser.get(url);
                    BrowserSupport.await(browser, "window.fxd.drawn", Duration.ofSeconds(30));
                    candles = (Long) BrowserSupport.js(browser, "return window.fxd.candles;");
                    double t = ((Number) BrowserSupport.js(browser, "return window.fxd.drawnAt;")).doubleValue();
                    if (i > 0) {
                        ms[i - 1] = t;
                    }
                }
                BrowserSupport.screenshot(browser, "chart-year-m5");
                Arrays.sort(ms);
                double median = ms[ms.length / 2];
                Path out = Path.of("target", "benchmarks");
                Files.createDirectories(out);
                Files.writeString(out.resolve("chart-load.json"), String.format(java.util.Locale.ROOT,
                        "{\"candles\": %d, \"loads\": %d, \"median_ms\": %.1f, \"min_ms\": %.1f, \"max_ms\": %.1f}%n",
                        candles, ms.length, median, ms[0], ms[ms.length - 1]));
                System.out.printf("chart load, %d M5 candles: median %.0f ms, min %.0f, max %.0f%n", candles, median,
                        ms[0], ms[ms.length - 1]);
                assertThat(candles).isGreaterThan(70_000);
                assertThat(median).isLessThan(5_000);
            }
        } finally {
            browser.quit();
        }
    }
}
