package com.forexdiffusion.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `fxd optimize` end to end on seeded synthetic M15 bars with DLinear, and its bad-input messages. */
class OptimizeCommandTest {
    @TempDir
    Path dir;

    private String db;

    @BeforeEach
    void data() {
        db = "sqlite:" + dir.resolve("fxd.db");
        assertThat(Cli.run("data", "synth", "--db", db, "--days", "60", "--seed", "4").code()).isZero();
        assertThat(Cli.run("data", "resample", "--db", db, "--symbol", "EURUSD", "--to", "M15").code()).isZero();
    }

    private Cli optimize(Path out, String... extra) {
        return optimizeWith("tpe", out, extra);
    }

    private Cli optimizeWith(String sampler, Path out, String... extra) {
        List<String> a = optimizeArgs("wf", out, "--trials", "10", "--sampler", sampler, "--workers", "2");
        a.addAll(List.of(extra));
        return Cli.run(a.toArray(String[]::new));
    }

    /** A study on the test's bars, with DLinear on 4 walk-forward folds. */
    private List<String> optimizeArgs(String study, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("optimize", "--db", db, "--study", study, "--symbol", "EURUSD",
                "--timeframe", "M15", "--forecaster", "dlinear", "--from", "2023-01-23", "--holdout-from",
                "2023-02-20", "--to", "2023-03-03", "--train-bars", "1000", "--horizons", "15,60", "--out",
                out.toString()));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void writesStudyJsonWithTheFiguresOtherToolsReadAndResumesWithoutRerunning() throws Exception {
        Path out = dir.resolve("opt");
        Cli r = optimize(out);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("study wf: 10 trials").contains("report:");
        JsonNode s = new ObjectMapper().readTree(Files.readString(out.resolve("study.json")));
        assertThat(s.get("trials")).hasSize(10);
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 10; k++) {
            JsonNode t = s.get("trials").get(k);
            assertThat(t.get("number").asInt()).isEqualTo(k);
            assertThat(t.get("metrics").get("folds")).hasSize(4);
            best = Math.max(best, t.get("objective").asDouble());
        }
        assertThat(s.get("best_objective").asDouble()).isEqualTo(best);
        assertThat(s.get("best_params").has("stop_multiple")).isTrue();
        assertThat(s.get("best_params").has("horizon_weight_60")).isTrue();
        assertThat(s.get("holdout_objective").isNumber()).isTrue();
        assertThat(s.get("deflated_sharpe").asDouble()).isBetween(0.0, 1.0);
        assertThat(s.get("pbo").asDouble()).isBetween(0.0, 1.0);
        assertThat(s.get("pbo_detail").get("splits").asInt()).isEqualTo(6); // C(4, 2)
        assertThat(s.get("config").get("code_version").asText()).isNotBlank();
        assertThat(s.get("seed").asLong()).isEqualTo(42);
        assertThat(s.get("importance").size()).isEqualTo(s.get("best_params").size());
        assertThat(Files.readString(out.resolve("report.html"))).contains("Overfitting check").contains("<svg")
                .contains("Parameter importance").contains("Slices");
        try (Database d = Database.open(db); Connection c = d.connection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), SUM(CASE WHEN state = 'done' THEN 1 "
                     + "ELSE 0 END) FROM optimisation_trials WHERE study_name = 'wf'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(10);
            assertThat(rs.getInt(2)).isEqualTo(10);
        }

        // The same study again: nothing is re-run, the figures are the same.
        Path again = dir.resolve("opt2");
        Cli r2 = optimize(again);
        assertThat(r2.code()).as(r2.err()).isZero();
        JsonNode s2 = new ObjectMapper().readTree(Files.readString(again.resolve("study.json")));
        assertThat(s2.get("trials")).isEqualTo(s.get("trials"));
        assertThat(s2.get("holdout_objective")).isEqualTo(s.get("holdout_objective"));
        assertThat(s2.get("deflated_sharpe")).isEqualTo(s.get("deflated_sharpe"));
    }

    @Test
    void badInputIsOneMessageNamingTheField() throws Exception {
        Cli sampler = optimizeWith("annealing", dir.resolve("x"));
        assertThat(sampler.code()).isEqualTo(1);
        assertThat(sampler.err()).contains("field 'sampler'").doesNotContain("\tat ");

        Path space = dir.resolve("space.yaml");
        Files.writeString(space, "params:\n  min_strength: {type: float, low: 0.5, high: 0.2}\n");
        Cli bad = optimize(dir.resolve("x"), "--space", space.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("space.yaml").contains("min_strength.low").doesNotContain("\tat ");

        Files.writeString(space, "params:\n  leverage: {type: int, low: 1, high: 30}\n");
        Cli unknown = optimize(dir.resolve("x"), "--space", space.toString());
        assertThat(unknown.err()).contains("params.leverage").contains("is not a strategy parameter");

        Cli cluster = optimize(dir.resolve("x"), "--cluster", "yarn");
        assertThat(cluster.code()).isEqualTo(1);
        assertThat(cluster.err()).contains("field 'cluster'").contains("spark://HOST:PORT").doesNotContain("\tat ");

        Path config = dir.resolve("strategy.json");
        Files.writeString(config, "{\"skill_gate\": {\"enabled\": false}, \"leverage\": 30}");
        Cli key = optimize(dir.resolve("x"), "--config", config.toString());
        assertThat(key.code()).isEqualTo(1);
        assertThat(key.err()).contains("strategy.json").contains("leverage").contains("unknown key");
    }

    /** A study's trials without their timings: what must not depend on where the trials ran. */
    private static List<JsonNode> trialFigures(Path out) throws Exception {
        JsonNode s = new ObjectMapper().readTree(Files.readString(out.resolve("study.json")));
        List<JsonNode> out2 = new ArrayList<>();
        s.get("trials").forEach(t -> {
            com.fasterxml.jackson.databind.node.ObjectNode o = t.deepCopy();
            o.remove(List.of("duration_ms", "started_at", "finished_at"));
            out2.add(o);
        });
        return out2;
    }

    @Test
    void aStudyOnSparkLocalEqualsTheSameStudyOnLocalWorkers() throws Exception {
        // The skill gate off, so that trials trade and their objectives differ: equal lists then say something.
        Path config = dir.resolve("strategy.json");
        Files.writeString(config, "{\"skill_gate\": {\"enabled\": false}}");
        Path here = dir.resolve("here");
        Cli local = Cli.run(optimizeArgs("wf-local", here, "--config", config.toString(), "--trials", "6",
                "--workers", "2").toArray(String[]::new));
        assertThat(local.code()).as(local.err()).isZero();
        Path there = dir.resolve("there");
        Cli cluster = Cli.run(optimizeArgs("wf-cluster", there, "--config", config.toString(), "--trials", "6",
                "--cluster", "local[2]").toArray(String[]::new));
        assertThat(cluster.code()).as(cluster.err()).isZero();
        assertThat(cluster.err()).doesNotContain("\tat ").doesNotContain("WARN");

        List<JsonNode> l = trialFigures(here);
        assertThat(l).hasSize(6);
        assertThat(trialFigures(there)).isEqualTo(l);
        assertThat(l.stream().mapToInt(t -> t.get("metrics").get("trades").asInt()).sum()).isPositive();
        assertThat(l.stream().map(t -> t.get("objective").asDouble()).distinct().count()).isGreaterThan(1);
        JsonNode s = new ObjectMapper().readTree(Files.readString(there.resolve("study.json")));
        assertThat(s.get("workers").asInt()).as("local[2] offers two task slots").isEqualTo(2);
        assertThat(s.get("config").get("strategy_config").get("skill_gate").get("enabled").asBoolean()).isFalse();
    }
}
