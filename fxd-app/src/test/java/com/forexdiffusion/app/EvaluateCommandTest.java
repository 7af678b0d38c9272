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

    @Test
    void anUnknownForecasterIsAClearError() {
        Cli r = Cli.run("evaluate", "--db", "sqlite:" + dir.resolve("x.db"), "--symbol", "EURUSD", "--timeframe", "M15",
                "--forecasters", "prophet", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("'prophet'");
    }
}
