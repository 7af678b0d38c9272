package com.forexdiffusion.web;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's chromium driven headless through its chromedriver. Missing binaries fail the test (they are installed by
 * .ci/run): a browser test that silently skipped would prove nothing.
 */
final class BrowserSupport {
    static final Path CHROMIUM = Path.of(System.getProperty("fxd.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("fxd.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private BrowserSupport() {
    }

    static ChromeDriver start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("the browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver (.ci/run does)");
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory("fxd-chromium").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    static Object js(WebDriver d, String script, Object... args) {
        return ((JavascriptExecutor) d).executeScript(script, args);
    }

    /** Waits until the script returns true; fails with the page's own error, if it reported one. */
    static void await(WebDriver d, String condition, Duration timeout) {
        try {
            new WebDriverWait(d, timeout).until(x -> Boolean.TRUE.equals(js(x, "return !!(" + condition + ");")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + condition + " (page error: "
                    + js(d, "return window.fxd && window.fxd.error;") + ")", e);
        }
    }

    static Path screenshot(WebDriver d, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File f = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
        Path out = SCREENSHOTS.resolve(name + ".png");
        Files.copy(f.toPath(), out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return out;
    }
}
