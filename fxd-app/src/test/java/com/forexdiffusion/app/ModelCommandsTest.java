package com.forexdiffusion.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** fxd train → fxd model info → fxd forecast --model --log, on a short synthetic M5 series. */
class ModelCommandsTest {
    @TempDir
    Path dir;

    @Test
    void trainDescribeAndForecastWithTheModel() throws Exception {
        String db = "sqlite:" + dir.resolve("fxd.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "20", "--seed", "4").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "M5").code()).isZero();
        Path out = dir.resolve("model");
        Cli badStop = Cli.run("train", "--db", db, "--symbol", "EURUSD", "--timeframe", "M5", "--early-stop-on", "crps",
                "--out", out.toString());
        assertThat(badStop.code()).isNotZero();
        assertThat(badStop.err()).contains("--early-stop-on").contains("'crps'").doesNotContain("Exception");
        Cli badNorm = Cli.run("train", "--db", db, "--symbol", "EURUSD", "--timeframe", "M5", "--instance-norm", "mean",
                "--out", out.toString());
        assertThat(badNorm.code()).isNotZero();
        assertThat(badNorm.err()).contains("--instance-norm").contains("'mean'").doesNotContain("Exception");
        Cli badInput = Cli.run("train", "--db", db, "--symbol", "EURUSD", "--timeframe", "M5", "--explicit-input",
                "levels", "--out", out.toString());
        assertThat(badInput.code()).isNotZero();
        assertThat(badInput.err()).contains("--explicit-input").contains("'levels'").doesNotContain("Exception");
        Cli patchLevel = Cli.run("train", "--db", db, "--symbol", "EURUSD", "--timeframe", "M5", "--explicit-input",
                "level", "--explicit", "patchtst", "--out", out.toString());
        assertThat(patchLevel.code()).isNotZero();
        assertThat(patchLevel.err()).contains("--explicit-input level needs --explicit linear");
        Cli t = Cli.run("train", "--db", db, "--symbol", "EURUSD", "--timeframe", "M5", "--epochs", "1",
                "--vae-epochs", "1", "--vae-images", "32", "--stride", "40", "--validation-windows", "8", "--to", "2023-01-16",
                "--validation-samples", "4", "--horizons", "15,30", "--out", out.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("saved to").contains("validation 15-min return");

        Cli info = Cli.run("model", "info", out.toString(), "--json");
        assertThat(info.code()).as(info.err()).isZero();
        JsonNode i = new ObjectMapper().readTree(info.out());
        assertThat(i.get("profile").asText()).isEqualTo("compact");
        assertThat(i.get("parameters").asLong()).isGreaterThan(1_000_000);
        assertThat(i.get("horizons").toString()).isEqualTo("[15,30]");
        assertThat(i.get("timeframe").asText()).isEqualTo("M5");
        assertThat(i.get("window").asInt()).isEqualTo(100);
        for (String h : new String[] {"15", "30"}) {
            JsonNode v = i.get("validation").get(h);
            assertThat(v).as("validation of horizon " + h).isNotNull();
            assertThat(v.get("mse_ratio").asDouble()).isPositive();
            assertThat(v.get("crps").asDouble()).isPositive();
            assertThat(v.get("coverage90").asDouble()).isBetween(0.0, 1.0);
            assertThat(v.has("directional_accuracy")).isTrue();
        }
        assertThat(i.get("loss").asText()).isEqualTo("crps");
        assertThat(i.get("instance_norm").asText()).isEqualTo("session");
        assertThat(i.get("explicit_input").asText()).isEqualTo("returns");

        Cli f = Cli.run("forecast", "--db", db, "--model", out.toString(), "--symbol", "EURUSD", "--timeframe", "M5",
                "--samples", "8", "--json", "--log");
        assertThat(f.code()).as(f.err()).isZero();
        JsonNode p = new ObjectMapper().readTree(f.out());
        assertThat(p.get("predictions").has("15")).isTrue();
        assertThat(p.get("predictions").get("30").get("q95").asDouble())
                .isGreaterThanOrEqualTo(p.get("predictions").get("30").get("q05").asDouble());
        String version = p.get("model_version").asText();
        assertThat(version).startsWith("ldm4ts-");

        Cli wrong = Cli.run("forecast", "--db", db, "--model", out.toString(), "--symbol", "EURUSD", "--timeframe", "M5",
                "--horizons", "60");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("trained for horizons [15, 30]");

        try (Database d = Database.open(db); Connection c = d.connection()) {
            ResultSet rs = c.createStatement().executeQuery("SELECT total_predictions, profile, num_epochs "
                    + "FROM ldm4ts_model_metadata WHERE model_version = '" + version + "'");
            assertThat(rs.next()).as("the trained model is registered under its forecast version").isTrue();
            assertThat(rs.getLong(1)).isEqualTo(2);
            assertThat(rs.getString(2)).isEqualTo("compact");
            rs = c.createStatement().executeQuery("SELECT status, model_version FROM ldm4ts_training_runs");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("done");
            assertThat(rs.getString(2)).isEqualTo(version);
        }

        // A backtest with the model: only on bars after its training data, and a second run hits the cache.
        Cli early = Cli.run("backtest", "--db", db, "--symbol", "EURUSD", "--timeframe", "M5", "--from", "2023-01-12",
                "--to", "2023-01-13", "--forecaster", "ldm4ts:" + out, "--train-bars", "1000", "--samples", "4",
                "--horizons", "15,30", "--out", dir.resolve("bt-early").toString());
        assertThat(early.code()).isEqualTo(1);
        assertThat(early.err()).contains("own training data");
        for (String run : new String[]{"bt1", "bt2"}) {
            Cli bt = Cli.run("backtest", "--db", db, "--symbol", "EURUSD", "--timeframe", "M5", "--from", "2023-01-18",
                    "--to", "2023-01-18T12:00", "--forecaster", "ldm4ts:" + out, "--train-bars", "1000", "--samples", "4",
                    "--horizons", "15,30", "--out", dir.resolve(run).toString());
            assertThat(bt.code()).as(bt.err()).isZero();
        }
        JsonNode first = new ObjectMapper().readTree(Files.readString(dir.resolve("bt1/metrics.json")));
        JsonNode second = new ObjectMapper().readTree(Files.readString(dir.resolve("bt2/metrics.json")));
        assertThat(first.get("forecasts").asLong()).isEqualTo(144);
        assertThat(first.get("cached_forecasts").asLong()).isZero();
        assertThat(second.get("cached_forecasts").asLong()).isEqualTo(144);
        assertThat(second.get("trades")).isEqualTo(first.get("trades"));
        assertThat(second.get("total_return_pct")).isEqualTo(first.get("total_return_pct"));

        // Another sampler on the same weights is another forecaster version: the cache does not stand in for it.
        Cli shared = Cli.run("backtest", "--db", db, "--symbol", "EURUSD", "--timeframe", "M5", "--from", "2023-01-18",
                "--to", "2023-01-18T12:00", "--forecaster", "ldm4ts:" + out + "?draws=4", "--train-bars", "1000",
                "--samples", "4", "--horizons", "15,30", "--out", dir.resolve("bt3").toString());
        assertThat(shared.code()).as(shared.err()).isZero();
        JsonNode third = new ObjectMapper().readTree(Files.readString(dir.resolve("bt3/metrics.json")));
        assertThat(third.get("cached_forecasts").asLong()).isZero();
        assertThat(third.get("forecasts").asLong()).isEqualTo(144);

        Cli bench = Cli.run("bench", "forecast", "--model", out.toString(), "--runs", "3", "--warmup", "1",
                "--no-batches", "--samples", "8", "--draws", "8", "--json");
        assertThat(bench.code()).as(bench.err()).isZero();
        JsonNode b = new ObjectMapper().readTree(bench.out());
        assertThat(b.get("model_version").asText()).isEqualTo(version + "+draws8");
        assertThat(b.get("breakdown").get("unet_steps").asInt()).isEqualTo(1);
        assertThat(b.get("p95_ms").asDouble()).isGreaterThanOrEqualTo(b.get("p50_ms").asDouble()).isPositive();
        Cli year = Cli.run("bench", "backtest", "--model", out.toString(), "--days", "2", "--samples", "4", "--json");
        assertThat(year.code()).as(year.err()).isZero();
        JsonNode y = new ObjectMapper().readTree(year.out());
        assertThat(y.get("forecasts").asLong()).isEqualTo(y.get("bars").asLong() - 100);
        assertThat(y.get("one_year_scaled").asBoolean()).isTrue();
        assertThat(y.get("one_year_m5_ldm4ts_s").asDouble())
                .isCloseTo(y.get("backtest_s").asDouble() * 365 / 2, org.assertj.core.data.Offset.offset(10.0));

        Files.delete(out.resolve("model.safetensors"));
        Cli broken = Cli.run("model", "info", out.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.err()).contains("model.safetensors").contains("missing");
    }
}
