package com.forexdiffusion.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DataCommandsTest {
    @TempDir
    Path dir;

    String db() {
        return "sqlite:" + dir.resolve("fxd.db");
    }

    @Test
    void synthResampleInfoAndExportWorkTogether() throws Exception {
        Cli synth = Cli.run("data", "synth", "--db", db(), "--symbol", "GBP/USD", "--days", "10", "--seed", "5");
        assertThat(synth.code()).as(synth.err()).isZero();
        assertThat(synth.out()).contains("SYNTHETIC").contains("GBPUSD");

        Cli resample = Cli.run("data", "resample", "--db", db(), "--symbol", "GBPUSD", "--from", "M1", "--to", "M15,H1");
        assertThat(resample.code()).as(resample.err()).isZero();

        Cli info = Cli.run("data", "info", "--db", db(), "--json");
        assertThat(info.code()).isZero();
        JsonNode arr = new ObjectMapper().readTree(info.out());
        assertThat(arr.size()).isEqualTo(3);
        JsonNode m1 = arr.get(0);
        assertThat(m1.get("symbol").asText()).isEqualTo("GBPUSD");
        assertThat(m1.get("timeframe").asText()).isEqualTo("M1");
        assertThat(m1.get("first").asText()).isEqualTo("2023-01-02T00:00:00Z");
        assertThat(m1.get("gaps").asLong()).isZero();
        assertThat(m1.get("synthetic").asBoolean()).isTrue();
        long m1Rows = m1.get("rows").asLong();
        // 10 days from Monday 2023-01-02 00:00 UTC to Thursday 01-12 00:00: Monday to Friday 22:00 UTC (17:00 New
        // York), then Sunday 22:00 to Thursday 00:00.
        assertThat(m1Rows).isEqualTo(4 * 1440 + 22 * 60 + 2 * 60 + 3 * 1440);
        assertThat(arr.get(1).get("timeframe").asText()).isEqualTo("M15");
        assertThat(arr.get(1).get("rows").asLong()).isEqualTo(m1Rows / 15);
        assertThat(arr.get(2).get("rows").asLong()).isEqualTo(m1Rows / 60);

        Path csv = dir.resolve("out/h1.csv");
        Cli export = Cli.run("data", "export", "--db", db(), "--symbol", "GBPUSD", "--timeframe", "H1",
                "--from", "2023-01-03", "--to", "2023-01-04", "--out", csv.toString());
        assertThat(export.code()).as(export.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("time,open,high,low,close,volume");
        assertThat(lines).hasSize(25);
        assertThat(lines.get(1)).startsWith("2023-01-03T00:00:00Z,");
        try (Database d = Database.open(db())) {
            BarSeries h1 = d.candles().read("GBPUSD", Timeframe.H1, 0, Long.MAX_VALUE);
            int i = h1.indexOf(java.time.Instant.parse("2023-01-03T05:00:00Z").toEpochMilli());
            assertThat(lines.get(6)).isEqualTo("2023-01-03T05:00:00Z," + h1.open(i) + "," + h1.high(i) + ","
                    + h1.low(i) + "," + h1.close(i) + "," + h1.volume(i));
        }
        assertThat(Files.list(csv.getParent())).hasSize(1);
    }

    @Test
    void synthIsReproducibleBySeed() {
        assertThat(Cli.run("data", "synth", "--db", db(), "--days", "3", "--seed", "9").code()).isZero();
        BarSeries first;
        try (Database d = Database.open(db())) {
            first = d.candles().readAll("EURUSD", Timeframe.M1);
        }
        String other = "sqlite:" + dir.resolve("other.db");
        assertThat(Cli.run("data", "synth", "--db", other, "--days", "3", "--seed", "9").code()).isZero();
        try (Database d = Database.open(other)) {
            assertThat(d.candles().readAll("EURUSD", Timeframe.M1).closes()).isEqualTo(first.closes());
        }
    }

    @Test
    void resamplingNothingIsAClearError() {
        Cli r = Cli.run("data", "resample", "--db", db(), "--symbol", "EURUSD", "--to", "H1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no EURUSD M1 bars");
    }

    @Test
    void anUnknownSymbolIsAClearError() {
        Cli r = Cli.run("data", "synth", "--db", db(), "--symbol", "XYZABC", "--days", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("'XYZABC'");
    }

    @Test
    void aBadTimeframeIsAUsageError() {
        Cli r = Cli.run("data", "resample", "--db", db(), "--symbol", "EURUSD", "--to", "H7");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("H7");
    }

    @Test
    void readCommandsRefuseADatabaseThatDoesNotExistAndCreateNothing() {
        String missingDir = "sqlite:" + dir.resolve("typo/fxd.db");
        String missingFile = "sqlite:" + dir.resolve("typo.db");
        for (String url : new String[]{missingDir, missingFile}) {
            for (String[] cmd : new String[][]{{"data", "info"},
                    {"data", "export", "--symbol", "EURUSD", "--timeframe", "H1", "--out", dir.resolve("x.csv").toString()},
                    {"forecast", "--symbol", "EURUSD", "--timeframe", "M15"},
                    {"evaluate", "--symbol", "EURUSD", "--timeframe", "M15", "--out", dir.resolve("e").toString()},
                    {"vision", "--symbol", "EURUSD", "--timeframe", "H1", "--at", "2023-01-03T12:00", "--out",
                            dir.resolve("v").toString()}}) {
                String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(cmd),
                        java.util.stream.Stream.of("--db", url)).toArray(String[]::new);
                Cli r = Cli.run(args);
                assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(1);
                assertThat(r.err()).contains("does not exist").doesNotContain("\tat ");
            }
        }
        assertThat(dir.resolve("typo")).doesNotExist();
        assertThat(dir.resolve("typo.db")).doesNotExist();
        // Writing commands still create it.
        assertThat(Cli.run("data", "synth", "--db", missingDir, "--days", "1").code()).isZero();
        assertThat(dir.resolve("typo/fxd.db")).exists();
    }

    @Test
    void newYorkCloseDailyBarsAreReadBackByTheirOwnTimeframe() throws Exception {
        assertThat(Cli.run("data", "synth", "--db", db(), "--days", "10", "--seed", "5").code()).isZero();
        Cli utc = Cli.run("data", "resample", "--db", db(), "--symbol", "EURUSD", "--to", "D1");
        assertThat(utc.code()).as(utc.err()).isZero();
        Cli ny = Cli.run("data", "resample", "--db", db(), "--symbol", "EURUSD", "--to", "D1,H4", "--align", "ny-close");
        assertThat(ny.code()).as(ny.err()).isZero();
        assertThat(ny.out()).contains("D1_NY").contains("H4_NY");
        Path utcCsv = dir.resolve("d1.csv");
        Path nyCsv = dir.resolve("d1ny.csv");
        assertThat(Cli.run("data", "export", "--db", db(), "--symbol", "EURUSD", "--timeframe", "D1",
                "--out", utcCsv.toString()).code()).isZero();
        Cli export = Cli.run("data", "export", "--db", db(), "--symbol", "EURUSD", "--timeframe", "D1_NY",
                "--out", nyCsv.toString());
        assertThat(export.code()).as(export.err()).isZero();
        List<String> utcLines = Files.readAllLines(utcCsv).subList(1, Files.readAllLines(utcCsv).size());
        List<String> nyLines = Files.readAllLines(nyCsv).subList(1, Files.readAllLines(nyCsv).size());
        assertThat(utcLines).isNotEmpty().allMatch(l -> l.contains("T00:00:00Z,"));
        // Winter: 17:00 New York is 22:00 UTC.
        assertThat(nyLines).isNotEmpty().allMatch(l -> l.contains("T22:00:00Z,"));
        Cli info = Cli.run("data", "info", "--db", db(), "--json");
        JsonNode arr = new ObjectMapper().readTree(info.out());
        List<String> tfs = new java.util.ArrayList<>();
        arr.forEach(n -> tfs.add(n.get("timeframe").asText()));
        assertThat(tfs).contains("D1", "D1_NY", "H4_NY");
        // Synthetic M1 starts Monday 00:00 UTC, inside the session that opened Sunday 22:00 UTC: that first New York
        // day is built from part of its minutes, flagged, and counted as a gap.
        JsonNode d1ny = java.util.stream.StreamSupport.stream(arr.spliterator(), false)
                .filter(n -> n.get("timeframe").asText().equals("D1_NY")).findFirst().orElseThrow();
        assertThat(d1ny.get("partial_bars").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(d1ny.get("gaps").asLong()).isGreaterThanOrEqualTo(d1ny.get("partial_bars").asLong());
    }
}
