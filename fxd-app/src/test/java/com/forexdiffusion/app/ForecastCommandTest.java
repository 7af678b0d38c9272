package com.forexdiffusion.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class ForecastCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsThePredictionsFormAndLogsAndResolves() throws Exception {
        String db = "sqlite:" + dir.resolve("fxd.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "40").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "M15").code()).isZero();
        String[] base = {"forecast", "--db", db, "--symbol", "EURUSD", "--timeframe", "M15", "--train-bars", "1500",
                "--json", "--log"};
        Cli first = Cli.run(concat(base, "--at", "2023-01-31T10:00"));
        assertThat(first.code()).as(first.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(first.out());
        assertThat(j.get("time").asText()).isEqualTo("2023-01-31T10:00:00Z");
        assertThat(j.get("predictions").get("60").get("target_time").asText()).isEqualTo("2023-01-31T11:00:00Z");
        assertThat(j.get("predictions").get("240").get("q95").asDouble())
                .isGreaterThan(j.get("predictions").get("240").get("q05").asDouble());
        Cli second = Cli.run(concat(base, "--at", "2023-02-01T10:00"));
        assertThat(second.code()).isZero();
        assertThat(second.err()).contains("resolved 3 earlier ones");
        try (Database d = Database.open(db); Connection c = d.connection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(actual_price) FROM ldm4ts_predictions")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(6);
            assertThat(rs.getInt(2)).isEqualTo(3);
        }
        String version = j.get("model_version").asText();
        Cli health = Cli.run("model", "health", "--db", db, "--model", version, "--json");
        assertThat(health.code()).as(health.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(health.out());
        assertThat(rows.size()).isGreaterThanOrEqualTo(1);
        assertThat(rows.get(0).get("inferenceCount").asLong()).isEqualTo(1);
    }

    @Test
    void anUnknownForecasterIsAClearError() {
        // forecast reads stored data, so the database must exist (an empty one will do).
        Database.open("sqlite:" + dir.resolve("x.db")).close();
        Cli r = Cli.run("forecast", "--db", "sqlite:" + dir.resolve("x.db"), "--symbol", "EURUSD", "--timeframe", "M15",
                "--forecaster", "oracle");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("'oracle'");
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
