package com.forexdiffusion.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** fxd train --ett → fxd evaluate ett --model: LDM4TS in the long-horizon protocol, on a small synthetic file. */
class EttCommandsTest {
    @TempDir
    Path dir;

    /** 1 500 rows at 10-minute steps (the Weather layout: header, date column), two noisy cycles. */
    private Path file() throws Exception {
        StringBuilder sb = new StringBuilder("date,a,b\n");
        SplittableRandom r = new SplittableRandom(8);
        LocalDateTime t = LocalDateTime.of(2020, 1, 1, 0, 10);
        for (int i = 0; i < 1500; i++) {
            sb.append(t.plusMinutes(10L * i).toString().replace('T', ' ')).append(String.format(Locale.ROOT, ",%.4f,%.4f%n",
                    Math.sin(2 * Math.PI * i / 36) + 0.2 * r.nextGaussian(), 10 + Math.cos(2 * Math.PI * i / 72)));
        }
        Path f = dir.resolve("weather_small.csv");
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void trainOnABenchmarkFileAndScoreTheModelBesideTheBaselines() throws Exception {
        Path f = file();
        Path model = dir.resolve("model");
        Cli t = Cli.run("train", "--db", "sqlite:" + dir.resolve("fxd.db"), "--ett", f.toString(), "--ett-horizon", "12",
                "--epochs", "1", "--vae-epochs", "1", "--vae-images", "32", "--stride", "40", "--validation-windows", "8",
                "--validation-samples", "1", "--out", model.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("saved to");

        Cli info = Cli.run("model", "info", model.toString(), "--json");
        JsonNode i = new ObjectMapper().readTree(info.out());
        assertThat(i.get("timeframe").asText()).isEqualTo("M10");
        assertThat(i.get("horizons").size()).isEqualTo(12);
        assertThat(i.get("horizons").get(11).asInt()).isEqualTo(120);
        // The protocol's default (measured better there than the instance scale market data get).
        assertThat(i.get("instance_norm").asText()).isEqualTo("none");
        assertThat(i.get("explicit_input").asText()).isEqualTo("both");

        Path out = dir.resolve("eval");
        Cli e = Cli.run("evaluate", "ett", "--file", f.toString(), "--model", model.toString(), "--horizons", "12,6",
                "--stride", "25", "--samples", "2", "--out", out.toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("ldm4ts").contains("every 25-th test start row");
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        // Test windows start at row 1 500 − 300 − 96 = 1 104 and need start + 96 + h <= 1 500: starts 1 104, 1 129,
        // … 1 379 (12 of them) for both horizons, two channels, h points each.
        for (String fc : new String[] {"ldm4ts", "dlinear", "repeat-last"}) {
            assertThat(m.get(fc).get("6").get("n").asLong()).as(fc).isEqualTo(12 * 2 * 6);
            assertThat(m.get(fc).get("12").get("n").asLong()).as(fc).isEqualTo(12 * 2 * 12);
            assertThat(m.get(fc).get("12").get("mse").asDouble()).as(fc).isFinite().isPositive();
        }
        assertThat(m.get("_run").get("stride").asInt()).isEqualTo(25);

        Cli asJson = Cli.run("evaluate", "ett", "--file", f.toString(), "--model", model.toString(), "--horizons", "12,6",
                "--stride", "25", "--samples", "2", "--json");
        assertThat(asJson.code()).as(asJson.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(asJson.out());
        for (String h : new String[] {"6", "12"}) {
            JsonNode row = j.get("horizons").get(h);
            assertThat(row.get("mse").asDouble()).isEqualTo(m.get("ldm4ts").get(h).get("mse").asDouble());
            assertThat(row.get("mae").asDouble()).isEqualTo(m.get("ldm4ts").get(h).get("mae").asDouble());
            assertThat(row.get("dlinear_mse").asDouble()).isEqualTo(m.get("dlinear").get(h).get("mse").asDouble());
        }

        Cli tooLong = Cli.run("evaluate", "ett", "--file", f.toString(), "--model", model.toString(), "--horizons", "24");
        assertThat(tooLong.code()).isNotZero();
        assertThat(tooLong.err()).contains("forecasts 12 steps, not 24");

        Cli noSymbol = Cli.run("train", "--db", "sqlite:" + dir.resolve("fxd.db"), "--out", dir.resolve("x").toString());
        assertThat(noSymbol.code()).isNotZero();
        assertThat(noSymbol.err()).contains("--symbol and --timeframe are required (or --ett FILE)");
    }
}
