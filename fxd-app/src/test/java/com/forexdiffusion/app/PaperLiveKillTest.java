package com.forexdiffusion.app;

import com.forexdiffusion.ctrader.fake.FakeServer;
import com.forexdiffusion.ctrader.fake.FaultPlan;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live paper session ({@code fxd paper --live} in a child JVM, on the fake cTrader server) killed with SIGKILL at
 * three seeded random instants and started again each time: it backfills what it missed while dead, resumes its
 * session, and ends with the forecasts and orders of a session that ran through.
 */
class PaperLiveKillTest {
    @TempDir
    Path dir;

    @Test
    void aLiveSessionKilledThreeTimesEndsAsOneThatRanThrough() throws Exception {
        String source = "sqlite:" + dir.resolve("source.db");
        assertThat(Cli.run("data", "synth", "--db", source, "--symbol", "EURUSD", "--days", "3", "--seed", "8").code())
                .isZero();
        Path creds = dir.resolve("ctrader.properties");
        Files.writeString(creds, "client_id=kill-app\nclient_secret=kill-secret\naccess_token=kill-token\n");
        Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rw-------"));

        List<List<String>> through = session(source, creds, "through", 0);
        List<List<String>> killed = session(source, creds, "killed", 3);
        assertThat(through.get(0)).hasSizeGreaterThan(100);
        assertThat(through.get(1)).isNotEmpty();
        assertThat(killed).isEqualTo(through);
    }

    /** Runs the session to its end, killed {@code kills} times on the way; returns its predictions and orders. */
    private List<List<String>> session(String source, Path creds, String name, int kills) throws Exception {
        String target = "sqlite:" + dir.resolve(name + ".db");
        long spotsFrom = Instant.parse("2023-01-03T10:00:00Z").toEpochMilli();
        Random rnd = new Random(20261202L);
        try (Database s = Database.open(source);
             FakeServer server = FakeServer.builder().candles(s.candles()).spots(300, spotsFrom)
                     .faults(FaultPlan.none()).build().start()) {
            String host = "127.0.0.1:" + server.port();
            Cli fetch = Cli.run("data", "fetch", "--source", "ctrader", "--host", host, "--insecure", "--symbol",
                    "EURUSD", "--timeframe", "M1", "--from", "2023-01-02", "--to", "2023-01-02", "--credentials",
                    creds.toString(), "--db", target);
            assertThat(fetch.code()).as(fetch.err()).isZero();
            List<String> args = List.of("paper", "--live", "--source", "ctrader", "--host", host, "--insecure",
                    "--credentials", creds.toString(), "--db", target, "--symbol", "EURUSD", "--timeframe", "M1",
                    "--session", "live", "--from", "2023-01-03T09:00", "--to", "2023-01-03T12:00", "--train-bars",
                    "600", "--horizons", "15,60", "--samples", "20", "--forecaster", "dlinear", "--poll-seconds", "0.2", "--config",
                    BacktestCommandTest.noGate(dir).toString());
            for (int k = 0; ; k++) {
                Process child = start(args, dir.resolve(name + k + ".err"));
                CountDownLatch started = new CountDownLatch(1);
                StringBuilder out = new StringBuilder();
                Thread reader = Thread.ofVirtual().start(() -> read(child, out, started));
                assertThat(started.await(90, TimeUnit.SECONDS)).as("run %d started: %s", k,
                        Files.readString(dir.resolve(name + k + ".err"))).isTrue();
                if (k < kills) {
                    // Anywhere in the session: while it backfills, trades, or waits for the next bar.
                    Thread.sleep(300 + rnd.nextInt(2500));
                    child.destroyForcibly();
                    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    reader.join();
                    assertThat(out.toString()).as("kill %d landed inside the session", k)
                            .doesNotContain("predictions resolved");
                    continue;
                }
                assertThat(child.waitFor(3, TimeUnit.MINUTES)).isTrue();
                reader.join();
                assertThat(child.exitValue()).as(Files.readString(dir.resolve(name + k + ".err"))).isZero();
                assertThat(out.toString()).contains(k == 0 ? "starting session live" : "resuming session live");
                break;
            }
            return List.of(PaperLiveTest.rows(target, "SELECT forecast_time, horizon_minutes, mean_pred, q05_pred, "
                            + "q95_pred, actual_price FROM ldm4ts_predictions ORDER BY forecast_time, horizon_minutes"),
                    PaperLiveTest.rows(target, "SELECT symbol, side, kind, lots, price, status, created_at "
                            + "FROM trading_orders ORDER BY created_at, kind, side, lots"),
                    PaperLiveTest.rows(target, "SELECT balance FROM trading_accounts"));
        }
    }

    private static Process start(List<String> args, Path err) throws java.io.IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        pb.environment().remove("FXD_LOG");
        pb.environment().remove("FXD_DB");
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    private static void read(Process child, StringBuilder out, CountDownLatch started) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (out) {
                    out.append(line).append('\n');
                }
                if (line.contains("session live")) {
                    started.countDown();
                }
            }
        } catch (java.io.IOException ignored) {
            // the child was killed
        }
    }
}
