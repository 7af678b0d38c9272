package com.forexdiffusion.web.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.web.http.ApiException;
import com.forexdiffusion.web.http.Params;
import com.forexdiffusion.web.http.Routes;
import com.forexdiffusion.web.http.Sql;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * Research runs: GET /api/runs (backtests and training runs from the database with rate and ETA, and this
 * process's jobs), GET /api/runs/{id} (one run with its metrics and trades), GET /api/runs/{id}/report (its
 * report.html), POST /api/jobs (start a backtest or evaluation), GET /api/jobs/{id}.
 */
public final class RunRoutes implements Routes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Sql sql;
    private final JobQueue jobs;
    private final List<String> forecasters;
    private final InstantSource clock;

    public RunRoutes(Sql sql, JobQueue jobs, List<String> forecasters, InstantSource clock) {
        this.sql = sql;
        this.jobs = jobs;
        this.forecasters = forecasters;
        this.clock = clock;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/runs", this::runs);
        app.get("/api/runs/{id}", this::run);
        app.get("/api/runs/{id}/report", this::report);
        app.post("/api/jobs", this::submit);
        app.get("/api/jobs", ctx -> ctx.json(Map.of("jobs", jobs.all())));
        app.get("/api/jobs/{id}", ctx -> ctx.json(jobs.find(ctx.pathParam("id"))
                .orElseThrow(() -> ApiException.notFound("no job '" + Params.abbreviate(ctx.pathParam("id")) + "'"))));
    }

    private void runs(Context ctx) {
        ArrayNode backtests = sql.rows("SELECT run_id, symbol, timeframe, forecaster, data_from, data_to, status, "
                + "progress, report_path, error, started_at, finished_at FROM backtest_runs ORDER BY started_at DESC "
                + "LIMIT 200");
        ArrayNode trainings = sql.rows("SELECT run_id, symbol, timeframe, profile, status, stage, progress, "
                + "checkpoint_path, model_version, error, started_at, finished_at FROM ldm4ts_training_runs "
                + "ORDER BY started_at DESC LIMIT 200");
        backtests.forEach(this::rateAndEta);
        trainings.forEach(this::rateAndEta);
        ctx.json(Map.of("backtests", backtests, "trainings", trainings, "jobs", jobs.all()));
    }

    /** Progress per second since the start, and the seconds left at that rate, for a running row. */
    private void rateAndEta(JsonNode n) {
        ObjectNode o = (ObjectNode) n;
        double p = o.path("progress").asDouble();
        long end = o.hasNonNull("finished_at") ? o.get("finished_at").asLong() : clock.millis();
        double secs = Math.max(1e-3, (end - o.path("started_at").asLong()) / 1000.0);
        o.put("percent_per_second", 100 * p / secs);
        if ("running".equals(o.path("status").asText()) && p > 0) {
            o.put("eta_seconds", secs * (1 - p) / p);
        } else {
            o.putNull("eta_seconds");
        }
    }

    private ObjectNode find(String id) {
        if (!id.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw ApiException.badField("id", "expected a run id of letters, digits, '.', '_', ':' or '-'");
        }
        ObjectNode bt = sql.one("SELECT 'backtest' AS kind, run_id, symbol, timeframe, forecaster, data_from, data_to, "
                + "seed, code_version, config_json, status, progress, metrics_json, report_path, error, started_at, "
                + "finished_at FROM backtest_runs WHERE run_id = ?", id);
        if (bt != null) {
            return bt;
        }
        ObjectNode tr = sql.one("SELECT 'training' AS kind, run_id, symbol, timeframe, profile, status, stage, "
                + "progress, epochs_json, checkpoint_path, model_version, error, started_at, finished_at "
                + "FROM ldm4ts_training_runs WHERE run_id = ?", id);
        if (tr == null) {
            throw ApiException.notFound("no run '" + id + "' (GET /api/runs lists them)");
        }
        return tr;
    }

    private void run(Context ctx) throws IOException {
        ObjectNode r = find(ctx.pathParam("id"));
        for (String f : List.of("metrics_json", "config_json", "epochs_json")) {
            if (r.hasNonNull(f)) {
                r.set(f.replace("_json", ""), JSON.readTree(r.get(f).asText()));
                r.remove(f);
            }
        }
        rateAndEta(r);
        if (r.hasNonNull("report_path")) {
            r.set("trades", trades(Path.of(r.get("report_path").asText()).resolveSibling("trades.csv")));
        }
        ctx.json(r);
    }

    private void report(Context ctx) throws IOException {
        ObjectNode r = find(ctx.pathParam("id"));
        Path report = r.hasNonNull("report_path") ? Path.of(r.get("report_path").asText()) : null;
        if (report == null || !Files.isRegularFile(report)) {
            throw ApiException.notFound("run " + r.get("run_id").asText() + " has no report file");
        }
        ctx.contentType(report.toString().endsWith(".html") ? "text/html; charset=utf-8" : "application/json")
                .result(Files.readAllBytes(report));
    }

    /** The trades of a backtest from its trades.csv (header row names the fields), at most 2000. */
    static ArrayNode trades(Path csv) throws IOException {
        ArrayNode out = JSON.createArrayNode();
        if (!Files.isRegularFile(csv)) {
            return out;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return out;
        }
        String[] head = lines.get(0).split(",", -1);
        for (String line : lines.subList(1, Math.min(lines.size(), 2001))) {
            String[] v = line.split(",", -1);
            ObjectNode o = out.addObject();
            for (int i = 0; i < head.length && i < v.length; i++) {
                o.put(head[i], v[i]);
            }
        }
        return out;
    }

    private void submit(Context ctx) throws IOException {
        JsonNode b = JSON.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
        if (!b.isObject()) {
            throw ApiException.badField("body", "expected a JSON object");
        }
        String kindText = b.path("kind").asText("");
        JobRequest.Kind kind = switch (kindText) {
            case "backtest" -> JobRequest.Kind.BACKTEST;
            case "evaluate" -> JobRequest.Kind.EVALUATE;
            default -> throw ApiException.badField("kind", "expected backtest or evaluate, got '"
                    + Params.abbreviate(kindText) + "'");
        };
        String symbol = b.path("symbol").asText("");
        if (!symbol.matches("[A-Za-z0-9._/-]{2,32}")) {
            throw ApiException.badField("symbol", "expected a symbol such as EURUSD");
        }
        Timeframe tf;
        try {
            tf = Timeframe.parse(b.path("timeframe").asText(""));
        } catch (FxdException | IllegalArgumentException e) {
            throw ApiException.badField("timeframe", "expected M1, M5, M15, M30, H1, H4 or D1");
        }
        String forecaster = b.path("forecaster").asText("rw-garch");
        if (!forecasters.contains(forecaster)) {
            throw ApiException.badField("forecaster", "expected one of " + forecasters);
        }
        if (!b.hasNonNull("from")) {
            throw ApiException.badField("from", "required (the first decision bar, UTC)");
        }
        long from = Params.parseTime("from", b.get("from").asText());
        Long to = b.hasNonNull("to") ? Params.parseTime("to", b.get("to").asText()) : null;
        if (to != null && to <= from) {
            throw ApiException.badField("to", "must be after 'from'");
        }
        JobQueue.Job j;
        try {
            j = jobs.submit(new JobRequest(kind, Instrument.normalise(symbol), tf.name(), from, to, forecaster));
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
        ctx.status(202).json(j);
        ctx.header("Location", "/api/jobs/" + j.id());
    }
}
