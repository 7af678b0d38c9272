package com.forexdiffusion.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's quick run end to end: every step, the lines other tools read, the files and figures it promises. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void theQuickDemoRunsEveryStepAndLeavesWhatItPromises() throws Exception {
        Path out = dir.resolve("demo");
        Cli r = Cli.run("demo", "--quick", "--no-serve", "--out", out.toString(), "--port", "0");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Arrays.asList(r.out().split("\\R"));
        for (String prefix : List.of("forecast:", "evaluation:", "backtest:", "live:", "dashboard: http://127.0.0.1:")) {
            assertThat(lines).as(prefix).anyMatch(l -> l.startsWith(prefix));
        }
        for (int k = 1; k <= 8; k++) {
            assertThat(r.out()).contains("[" + k + "/8] ");
        }
        assertThat(r.out()).contains("SYNTHETIC").contains("13.9 % of the variance of a 15-minute move is predictable")
                .contains("nothing to predict").contains("$ fxd train ").contains("$ fxd backtest ");
        assertThat(Pattern.compile("took \\d+\\.\\d s").matcher(r.out()).results().count()).isEqualTo(8);
        for (String f : List.of("demo.db", "broker.db", "model/model.safetensors", "evaluation/metrics.json",
                "evaluation/report.html", "backtest/metrics.json", "backtest/report.html", "backtest/trades.csv")) {
            assertThat(out.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(figures(line(lines, "evaluation:"))).hasSize(3 * 4).allMatch(Double::isFinite);
        assertThat(figures(line(lines, "forecast:"))).hasSizeGreaterThanOrEqualTo(6).allMatch(x -> x > 0);
        JsonNode bt = Json.mapper().readTree(out.resolve("backtest/metrics.json").toFile());
        assertThat(bt.path("total_return").isNumber()).isTrue();
        assertThat(bt.path("by_symbol").has("EURUSD")).isTrue();
        assertThat(bt.path("by_symbol").has("GBPUSD")).isTrue();
        try (Database d = Database.open("sqlite:" + out.resolve("demo.db"))) {
            // The live bars the fake server sent were stored, and the session traded up to them.
            long liveFrom = d.candles().readAll("EURUSD", Timeframe.M5).lastTs();
            assertThat(d.candles().readAll("GBPUSD", Timeframe.M5).lastTs()).isEqualTo(liveFrom);
            try (var c = d.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM ldm4ts_predictions")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isGreaterThan(400);
            }
        }
        assertThat(out.resolve(".fxd-demo")).exists();
    }

    @Test
    void aDirectoryTheDemoDidNotWriteIsRefusedAndABadComponentNamesItsOption() throws Exception {
        Path other = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(other.resolve("notes.txt"), "keep me");
        Cli r = Cli.run("demo", "--quick", "--no-serve", "--out", other.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--out").contains("did not write").doesNotContain("\tat ");
        assertThat(other.resolve("notes.txt")).hasContent("keep me");

        Cli bad = Cli.run("demo", "--quick", "--no-serve", "--out", dir.resolve("d").toString(), "--ar-coefficient",
                "1.5");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("ar-coefficient").contains("1.5").doesNotContain("\tat ");
    }

    private static String line(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    /** The decimal numbers of a line, in order. */
    private static List<Double> figures(String line) {
        Matcher m = Pattern.compile("(?<!\\w)-?\\d+\\.\\d+").matcher(line);
        List<Double> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(Double.parseDouble(m.group()));
        }
        return out;
    }
}
