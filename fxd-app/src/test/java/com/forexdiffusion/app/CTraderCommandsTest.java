package com.forexdiffusion.app;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact forms other tools rely on: {@code fxd ctrader serve-fake} (a child process) prints
 * {@code listening on 127.0.0.1:P}, and {@code fxd data fetch --source ctrader --host 127.0.0.1:P --insecure ...}
 * stores the served bars exactly, idempotently, with a report, and without showing the secret.
 */
class CTraderCommandsTest {
    static final String SECRET = "cli-s3cret-9TQ";
    static final String TOKEN = "cli-token-77AX";

    @TempDir
    Path dir;

    @Test
    void serveFakeThenFetchStoresTheServedBarsExactlyAndShowsNoSecret() throws Exception {
        String source = "sqlite:" + dir.resolve("source.db");
        String target = "sqlite:" + dir.resolve("target.db");
        Cli synth = Cli.run("data", "synth", "--db", source, "--symbol", "EURUSD", "--days", "4", "--seed", "3");
        assertThat(synth.code()).as(synth.err()).isZero();
        Path creds = dir.resolve("ctrader.properties");
        Files.writeString(creds, "client_id=cli-app\nclient_secret=" + SECRET + "\naccess_token=" + TOKEN
                + "\nrefresh_token=cli-refresh-1\n");
        Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rw-------"));

        Path serverLog = dir.resolve("server.log");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "ctrader", "serve-fake",
                "--port", "0", "--db", source, "--credentials", creds.toString(), "--max-bars", "1000")
                .redirectError(serverLog.toFile()).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String ready = lines.readLine();
            Matcher m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(String.valueOf(ready));
            assertThat(m.matches()).as("first line: %s", ready).isTrue();
            String host = "127.0.0.1:" + m.group(1);
            List<String> fetch = List.of("data", "fetch", "--source", "ctrader", "--host", host, "--insecure",
                    "--symbol", "EUR/USD", "--timeframe", "M1", "--from", "2023-01-02", "--to", "2023-01-04",
                    "--credentials", creds.toString(), "--db", target);
            Cli first = Cli.run(fetch.toArray(String[]::new));
            assertThat(first.code()).as(first.err()).isZero();
            Cli again = Cli.run(fetch.toArray(String[]::new));
            assertThat(again.code()).as(again.err()).isZero();

            BarSeries expected;
            try (Database s = Database.open(source)) {
                expected = s.candles().read("EURUSD", Timeframe.M1, Instant.parse("2023-01-02T00:00:00Z")
                        .toEpochMilli(), Instant.parse("2023-01-05T00:00:00Z").toEpochMilli());
            }
            try (Database t = Database.open(target)) {
                BarSeries got = t.candles().readAll("EURUSD", Timeframe.M1);
                assertThat(got.timestamps()).containsExactly(expected.timestamps());
                assertThat(got.closes()).containsExactly(expected.closes());
                assertThat(got.highs()).containsExactly(expected.highs());
            }
            assertThat(first.out()).contains("FETCHED", "GAPS", String.valueOf(expected.size()));
            // The second run fetched everything again and added no row: NEW is 0.
            assertThat(again.out().lines().skip(1).findFirst().orElseThrow()).matches(".*\\s0\\s+0\\s+0\\s+0\\s+2023.*");
            for (Cli c : List.of(first, again)) {
                assertThat(c.out() + c.err()).doesNotContain(SECRET).doesNotContain(TOKEN);
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        String serverOutput = Files.readString(serverLog);
        assertThat(serverOutput).doesNotContain(SECRET).doesNotContain(TOKEN);
        Cli help = Cli.run("data", "fetch", "--help");
        assertThat(help.out()).contains("--credentials", "--insecure").doesNotContain(SECRET);
    }

    @Test
    void watchPrintsAndStoresTheClosedBarsOfTheReplayedSpots() throws Exception {
        String source = "sqlite:" + dir.resolve("source.db");
        String target = "sqlite:" + dir.resolve("live.db");
        assertThat(Cli.run("data", "synth", "--db", source, "--symbol", "EURUSD", "--days", "1", "--seed", "4").code())
                .isZero();
        Path creds = dir.resolve("ctrader.properties");
        Files.writeString(creds, "client_id=cli-app\nclient_secret=" + SECRET + "\naccess_token=" + TOKEN + "\n");
        Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rw-------"));
        long from = Instant.parse("2023-01-02T10:00:00Z").toEpochMilli();
        try (Database s = Database.open(source);
             com.forexdiffusion.ctrader.fake.FakeServer server = com.forexdiffusion.ctrader.fake.FakeServer.builder()
                     .candles(s.candles()).spots(1200, from).build().start()) {
            Cli watch = Cli.run("ctrader", "watch", "--host", "127.0.0.1:" + server.port(), "--insecure",
                    "--symbol", "EURUSD", "--bars", "5", "--store", "--credentials", creds.toString(), "--db", target);
            assertThat(watch.code()).as(watch.err()).isZero();
            List<String> lines = watch.out().lines().toList();
            assertThat(lines).hasSize(5);
            BarSeries expected = s.candles().read("EURUSD", Timeframe.M1, from, Long.MAX_VALUE);
            try (Database t = Database.open(target)) {
                BarSeries got = t.candles().readAll("EURUSD", Timeframe.M1);
                assertThat(got.size()).isEqualTo(5);
                int at = expected.indexOf(got.firstTs());
                for (int i = 0; i < 5; i++) {
                    assertThat(got.bar(i)).isEqualTo(expected.bar(at + i));
                    assertThat(lines.get(i)).startsWith(got.bar(i).time() + " EURUSD M1 o=" + got.open(i));
                }
            }
            assertThat(watch.out() + watch.err()).doesNotContain(SECRET).doesNotContain(TOKEN);
        }
    }

    @Test
    void aFetchWithoutCredentialsSaysWhereToPutThem() {
        Cli c = Cli.run("data", "fetch", "--source", "ctrader", "--host", "127.0.0.1:1", "--insecure",
                "--symbol", "EURUSD", "--timeframe", "M1", "--from", "2023-01-02", "--to", "2023-01-03",
                "--credentials", dir.resolve("missing.properties").toString(), "--db", "sqlite:" + dir.resolve("t.db"));
        assertThat(c.code()).isEqualTo(1);
        assertThat(c.err()).contains("credentials file").contains("does not exist").doesNotContain("Exception");
    }
}
