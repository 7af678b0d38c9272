package com.forexdiffusion.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two JSON forms of a forecast (SPEC §5): {@code predictions} keyed by horizon minutes, and the chart form
 * of parallel lists. Times are ISO-8601 UTC; prices in the quote currency; uncertainty in percent.
 */
public final class ForecastJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ForecastJson() {
    }

    public static ObjectNode predictions(Forecast f) {
        ObjectNode root = header(f);
        ObjectNode preds = root.putObject("predictions");
        for (HorizonForecast h : f.horizons()) {
            ObjectNode p = preds.putObject(Integer.toString(h.horizon().minutes()));
            p.put("mean", h.mean());
            p.put("std", h.std());
            p.put("q05", h.q05());
            p.put("q50", h.q50());
            p.put("q95", h.q95());
            p.put("uncertainty_pct", h.uncertaintyPct(f.lastClose()));
            p.put("target_time", Instant.ofEpochMilli(h.targetTime()).toString());
            if (h.quantiles().size() > HorizonForecast.DEFAULT_LEVELS.length) {
                ObjectNode q = p.putObject("quantiles");
                h.quantiles().forEach((level, price) -> q.put(level.toString(), price));
            }
            if (h.samples() != null) {
                ArrayNode s = p.putArray("samples");
                for (double v : h.samples()) {
                    s.add(v);
                }
            }
        }
        return root;
    }

    public static ObjectNode chart(Forecast f) {
        ObjectNode root = header(f);
        ArrayNode horizons = root.putArray("horizons");
        ArrayNode ts = root.putArray("future_ts");
        ArrayNode mean = root.putArray("mean");
        ArrayNode std = root.putArray("std");
        ArrayNode q05 = root.putArray("q05");
        ArrayNode q50 = root.putArray("q50");
        ArrayNode q95 = root.putArray("q95");
        for (HorizonForecast h : f.horizons().stream().sorted((a, b) -> a.horizon().compareTo(b.horizon())).toList()) {
            horizons.add(h.horizon().minutes());
            ts.add(Instant.ofEpochMilli(h.targetTime()).toString());
            mean.add(h.mean());
            std.add(h.std());
            q05.add(h.q05());
            q50.add(h.q50());
            q95.add(h.q95());
        }
        return root;
    }

    private static ObjectNode header(Forecast f) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("symbol", f.symbol());
        root.put("timeframe", f.timeframe().name());
        root.put("time", f.instant().toString());
        root.put("last_close", f.lastClose());
        root.put("model", f.modelName());
        root.put("model_version", f.modelVersion());
        root.put("inference_ms", f.inferenceMillis());
        return root;
    }

    /** Reads the {@code predictions} form back (without samples unless present). */
    public static Forecast fromPredictions(JsonNode root) {
        List<HorizonForecast> hs = new ArrayList<>();
        JsonNode preds = require(root, "predictions");
        Iterator<Map.Entry<String, JsonNode>> it = preds.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            TreeMap<Double, Double> q = new TreeMap<>();
            q.put(0.05, require(p, "q05").asDouble());
            q.put(0.5, require(p, "q50").asDouble());
            q.put(0.95, require(p, "q95").asDouble());
            if (p.has("quantiles")) {
                p.get("quantiles").fields().forEachRemaining(x -> q.put(Double.parseDouble(x.getKey()),
                        x.getValue().asDouble()));
            }
            double[] samples = null;
            if (p.has("samples")) {
                samples = new double[p.get("samples").size()];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = p.get("samples").get(i).asDouble();
                }
            }
            hs.add(new HorizonForecast(new Horizon(Integer.parseInt(e.getKey())),
                    Instant.parse(require(p, "target_time").asText()).toEpochMilli(), require(p, "mean").asDouble(),
                    require(p, "std").asDouble(), q, samples));
        }
        return new Forecast(require(root, "symbol").asText(), Timeframe.parse(require(root, "timeframe").asText()),
                Instant.parse(require(root, "time").asText()).toEpochMilli(), require(root, "last_close").asDouble(),
                hs, root.path("inference_ms").asDouble(), root.path("model").asText(),
                root.path("model_version").asText());
    }

    private static JsonNode require(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw BadInputException.ofField(field, "missing in forecast JSON");
        }
        return v;
    }
}
