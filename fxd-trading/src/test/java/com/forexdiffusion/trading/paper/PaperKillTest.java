package com.forexdiffusion.trading.paper;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Clock;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety of a paper session: a child JVM running it is killed with SIGKILL at 20 seeded random instants and
 * resumed each time; the orders, fills, positions, ledger, account, logged forecasts and session state it ends with
 * equal those of an uninterrupted run.
 */
class PaperKillTest {
    private static final long START = Instant.parse("2023-01-02T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private long template(Path file) {
        try (Database d = Database.open("sqlite:" + file)) {
            BarSeries m1 = new SyntheticGenerator(SyntheticConfig.defaults(11).withRegimes(true))
                    .generate("EURUSD", START, 7);
            BarSeries m5 = Resampler.resample(m1, Timeframe.M5);
            try (CandleWriter w = d.candles().writer()) {
                w.addAll(m1, SyntheticGenerator.SOURCE);
                w.addAll(m5, SyntheticGenerator.SOURCE);
                w.commit();
            }
            return m5.ts(600);
        }
    }

    /** The rows a resumed session must reproduce, each table in a fixed order, wall-clock columns left out. */
    static List<String> endState(Path file) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Database d = Database.open("sqlite:" + file); Connection c = d.connection(); Statement s = c.createStatement()) {
            for (String q : List.of("SELECT * FROM trading_orders ORDER BY order_id",
                    "SELECT * FROM trading_fills ORDER BY fill_id",
                    "SELECT * FROM trading_order_events ORDER BY id",
                    "SELECT * FROM trading_positions ORDER BY position_id",
                    "SELECT * FROM trading_ledger ORDER BY id",
                    "SELECT * FROM trading_accounts",
                    "SELECT account_id, first_bar_ts, last_bar_ts, state_json, config_json FROM paper_sessions",
                    "SELECT forecast_time, horizon_minutes, mean_pred, std_pred, q05_pred, q95_pred, actual_price "
                            + "FROM ldm4ts_predictions ORDER BY forecast_time, horizon_minutes")) {
                try (ResultSet rs = s.executeQuery(q)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder b = new StringBuilder(q.split(" FROM ")[1].split(" ")[0]).append(':');
                        for (int k = 1; k <= md.getColumnCount(); k++) {
                            b.append(' ').append(rs.getObject(k));
                        }
                        rows.add(b.toString());
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void aSessionKilledTwentyTimesEndsInTheUninterruptedState() throws Exception {
        Path template = dir.resolve("template.db");
        long from = template(template);
        Path full = dir.resolve("full.db");
        Path killed = dir.resolve("killed.db");
        Files.copy(template, full);
        Files.copy(template, killed);

        long runMs;
        try (Database d = Database.open("sqlite:" + full);
             PaperTrader t = PaperTrader.open(d, PaperSessionChild.settings(from),
                     (name, hs) -> new MomentumFactory(), Clock.system())) {
            long t0 = System.nanoTime();
            long bars = t.catchUp(s -> s, ProgressListener.NONE);
            runMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(bars).isGreaterThan(800);
            System.out.println("uninterrupted paper run: " + bars + " bars in " + runMs + " ms");
        }
        List<String> expected = endState(full);
        assertThat(expected).as("the session trades").anyMatch(r -> r.startsWith("trading_orders:") && r.contains(" filled "));

        Random rnd = new Random(20260512L);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int progressed = 0;
        for (int k = 0; k < 20; k++) {
            Long before = lastBar(killed);
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    PaperSessionChild.class.getName(), "sqlite:" + killed, String.valueOf(from))
                    .redirectError(dir.resolve("child" + k + ".err").toFile()).start();
            CountDownLatch ready = new CountDownLatch(1);
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.equals("ready")) {
                            ready.countDown();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the child was killed
                }
            });
            boolean opened = ready.await(60, TimeUnit.SECONDS);
            if (!opened) {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(opened).as("child %d opened its session: %s", k,
                    Files.readString(dir.resolve("child" + k + ".err"))).isTrue();
            // A random instant inside the processing: after this child's first commit (so every kill interrupts
            // work, not the JVM's start), a seeded random delay that lands anywhere in a bar's transaction.
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Objects.equals(lastBar(killed), before) && child.isAlive()) {
                assertThat(System.nanoTime()).as("child %d commits a bar within 60 s", k).isLessThan(waitUntil);
                Thread.sleep(2);
            }
            Thread.sleep(rnd.nextInt((int) Math.max(5, runMs / 25)));
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
            Long after = lastBar(killed);
            if (after != null && !after.equals(before)) {
                progressed++;
            }
        }
        assertThat(progressed).as("kills that landed after some bars were committed").isEqualTo(20);
        assertThat(lastBar(killed)).as("the killed session is not finished before its last resume")
                .isLessThan(lastBar(full));
        try (Database d = Database.open("sqlite:" + killed);
             PaperTrader t = PaperTrader.open(d, PaperSessionChild.settings(from),
                     (name, hs) -> new MomentumFactory(), Clock.system())) {
            assertThat(t.resumed()).isTrue();
            t.catchUp(s -> s, ProgressListener.NONE);
        }
        assertThat(endState(killed)).containsExactlyElementsOf(expected);
    }

    private static Long lastBar(Path file) throws SQLException {
        try (Database d = Database.open("sqlite:" + file); Connection c = d.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT last_bar_ts FROM paper_sessions")) {
            if (!rs.next()) {
                return null;
            }
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }
    }
}
