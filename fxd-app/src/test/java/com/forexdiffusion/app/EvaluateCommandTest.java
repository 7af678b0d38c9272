package com.forexdiffusion.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluateCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesMetricsInTheDocumentedForm() throws Exception {
        String db = "sqlite:" + dir.resolve("fxd.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "60", "--seed", "3").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "M15").code()).isZero();
        Path out = dir.resolve("eval");
        Cli r = Cli.run("evaluate", "--db", db, "--symbol", "EURUSD", "--timeframe", "M15", "--horizons", "15,60",
                "--train-bars", "1000", "--calibration-bars", "500", "--test-bars", "500", "--step", "2",
                "--samples", "20", "--conformal", "aci", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode m = new ObjectMapper().readTree(Files.readString(out.resolve("metrics.json")));
        assertThat(m.fieldNames()).toIterable().containsExactly("rw-ewma", "rw-garch");
        for (String f : new String[]{"rw-ewma", "rw-garch"}) {
            for (String h : new String[]{"15", "60"}) {
                JsonNode e = m.get(f).get(h);
                for (String k : new String[]{"mse", "mae", "crps", "coverage90", "directional_accuracy", "n"}) {
                    assertThat(e.has(k)).as("%s %s %s", f, h, k).isTrue();
                }
                assertThat(e.get("n").asLong()).isPositive();
                assertThat(e.get("coverage90").asDouble()).isBetween(0.7, 1.0);
                // Random walks make no directional calls: the accuracy is undefined, written as null.
                assertThat(e.get("directional_accuracy").isNull()).as("%s %s", f, h).isTrue();
            }
        }
        JsonNode run = new ObjectMapper().readTree(Files.readString(out.resolve("run.json")));
        assertThat(run.get("seed").asLong()).isEqualTo(42);
        assertThat(run.get("data_first").asText()).startsWith("2023-01-02");
        assertThat(run.get("code_version").asText()).isNotBlank();
        assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(5);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<svg").contains("Fan chart").contains("PIT histograms").contains("rw-garch")
                .contains("CRPS ratio");
    }

    /**
     * The folds as Spark tasks on local[2], or as tasks on two threads, give the very figures of the run in turn:
     * each task reads its bars and fits its forecaster itself, and the scores are combined in fold order (ACI's
     * online state included).
     */
    @Test
    void anEvaluationOnSparkLocalOrTwoThreadsEqualsTheSameEvaluationInTurn() throws Exception {
        String db = "sqlite:" + dir.resolve("fxd.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "60", "--seed", "3").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "M15").code()).isZero();
        String[] args = {"evaluate", "--db", db, "--symbol", "EURUSD", "--timeframe", "M15", "--horizons", "15,60",
                "--forecasters", "rw-garch,dlinear", "--train-bars", "1000", "--calibration-bars", "400",
                "--test-bars", "400", "--step", "3", "--samples", "20", "--conformal", "aci", "--out"};
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        Cli a = Cli.run(concat(args, local.toString()));
        assertThat(a.code()).as(a.err()).isZero();
        Cli b = Cli.run(concat(args, spark.toString(), "--cluster", "local[2]"));
        assertThat(b.code()).as(b.err()).isZero();
        Path threads = dir.resolve("threads");
        Cli c = Cli.run(concat(args, threads.toString(), "--workers", "2"));
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(Files.readString(threads.resolve("metrics.json"))).isEqualTo(Files.readString(local.resolve("metrics.json")));
        JsonNode run = new ObjectMapper().readTree(Files.readString(spark.resolve("run.json")));
        assertThat(run.get("cluster").asText()).isEqualTo("local[2]");
        assertThat(run.get("folds").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(Files.readString(spark.resolve("metrics.json"))).isEqualTo(Files.readString(local.resolve("metrics.json")));
        assertThat(Files.readString(spark.resolve("metrics.csv"))).isEqualTo(Files.readString(local.resolve("metrics.csv")));
        assertThat(run.get("test_forecasts").asLong()).isEqualTo(new ObjectMapper()
                .readTree(Files.readString(local.resolve("run.json"))).get("test_forecasts").asLong()).isPositive();
    }

    @Test
    void aMalformedClusterUrlIsRefusedByName() {
        Cli r = Cli.run("evaluate", "--db", "sqlite:" + dir.resolve("x.db"), "--symbol", "EURUSD", "--timeframe", "M15",
                "--cluster", "yarn", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("'cluster'").contains("spark://HOST:PORT");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    @Test
    void anUnknownForecasterIsAClearError() {
        Cli r = Cli.run("evaluate", "--db", "sqlite:" + dir.resolve("x.db"), "--symbol", "EURUSD", "--timeframe", "M15",
                "--forecasters", "prophet", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("'prophet'");
    }
}
