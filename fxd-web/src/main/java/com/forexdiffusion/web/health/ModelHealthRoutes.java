package com.forexdiffusion.web.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.forexdiffusion.forecast.log.ModelHealth;
import com.forexdiffusion.web.http.ApiException;
import com.forexdiffusion.web.http.Params;
import com.forexdiffusion.web.http.Routes;
import com.forexdiffusion.web.http.Sql;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GET /api/models (registered models and every model version in the prediction log) and GET /api/model-health
 * (latency p50/p95/p99, interval coverage, MAE and directional accuracy per time bucket from the prediction log,
 * with the rolling rows of ldm4ts_inference_metrics).
 */
public final class ModelHealthRoutes implements Routes {
    private static final Map<String, Long> BUCKETS = Map.of("hour", 3_600_000L, "day", 86_400_000L,
            "week", 7 * 86_400_000L);
    private final Sql sql;
    private final ModelHealth health;

    public ModelHealthRoutes(Sql sql, ModelHealth health) {
        this.sql = sql;
        this.health = health;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/models", ctx -> ctx.json(Map.of(
                "models", sql.rows("SELECT model_version, model_path, symbol, timeframe, profile, image_size, "
                        + "diffusion_steps, num_mc_samples, num_epochs, validation_mse, validation_mae, "
                        + "total_predictions, avg_inference_ms, directional_accuracy, interval_coverage, is_active, "
                        + "created_at FROM ldm4ts_model_metadata ORDER BY created_at DESC"),
                "logged", sql.rows("SELECT model_version, COUNT(*) AS predictions, MIN(forecast_time) AS first_time, "
                        + "MAX(forecast_time) AS last_time FROM ldm4ts_predictions GROUP BY model_version "
                        + "ORDER BY model_version"))));
        app.get("/api/model-health", this::health);
    }

    private void health(Context ctx) {
        Params p = new Params(ctx);
        String model = p.required("model");
        String bucketName = p.optional("bucket", "day");
        Long bucket = BUCKETS.get(bucketName);
        if (bucket == null) {
            throw ApiException.badField("bucket", "expected hour, day or week, got '" + Params.abbreviate(bucketName)
                    + "'");
        }
        ArrayNode rows = sql.rows("SELECT symbol, forecast_time, horizon_minutes, inference_time_ms, mae, "
                + "interval_hit, direction_correct FROM ldm4ts_predictions WHERE model_version = ? "
                + "ORDER BY forecast_time, horizon_minutes", model);
        List<ModelHealth.Row> rolling = health.recent(model, 200);
        if (rows.isEmpty() && rolling.isEmpty()) {
            throw ApiException.notFound("no predictions or health rows for model '" + Params.abbreviate(model)
                    + "' (GET /api/models lists them)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("bucket", bucketName);
        body.put("overall", summarise(rows));
        TreeMap<Long, ArrayNode> byBucket = new TreeMap<>();
        for (JsonNode r : rows) {
            long t = Math.floorDiv(r.get("forecast_time").asLong(), bucket) * bucket;
            byBucket.computeIfAbsent(t, k -> rows.arrayNode()).add(r);
        }
        List<Map<String, Object>> series = new ArrayList<>();
        byBucket.forEach((t, rs) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", Instant.ofEpochMilli(t).toString());
            m.putAll(summarise(rs));
            series.add(m);
        });
        body.put("series", series);
        body.put("inference_metrics", rolling);
        ctx.json(body);
    }

    /** Latency is per forecast (one row per horizon shares it); the outcome rates are over resolved rows. */
    static Map<String, Object> summarise(ArrayNode rows) {
        List<Double> latency = new ArrayList<>();
        String lastKey = null;
        double hits = 0, dirs = 0, mae = 0;
        int resolved = 0;
        for (JsonNode r : rows) {
            String key = r.get("symbol").asText() + r.get("forecast_time").asLong();
            if (!key.equals(lastKey) && r.hasNonNull("inference_time_ms")) {
                latency.add(r.get("inference_time_ms").asDouble());
            }
            lastKey = key;
            if (r.hasNonNull("interval_hit")) {
                resolved++;
                hits += r.get("interval_hit").asBoolean() ? 1 : 0;
                dirs += r.path("direction_correct").asBoolean() ? 1 : 0;
                mae += r.path("mae").asDouble();
            }
        }
        double[] l = latency.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("predictions", rows.size());
        m.put("forecasts", l.length);
        m.put("latency_p50_ms", percentile(l, 0.50));
        m.put("latency_p95_ms", percentile(l, 0.95));
        m.put("latency_p99_ms", percentile(l, 0.99));
        m.put("resolved", resolved);
        m.put("coverage", resolved == 0 ? null : hits / resolved);
        m.put("mae", resolved == 0 ? null : mae / resolved);
        m.put("directional_accuracy", resolved == 0 ? null : dirs / resolved);
        return m;
    }

    /** Nearest-rank percentile of sorted values; null for none. */
    static Double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
