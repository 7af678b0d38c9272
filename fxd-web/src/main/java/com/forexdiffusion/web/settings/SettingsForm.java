package com.forexdiffusion.web.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.forexdiffusion.web.http.ApiException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of {@link Ldm4tsSettings} and its validation. A PUT may send only some fields (the rest keep their
 * saved values); every bad field gets its own message, all reported at once.
 */
public final class SettingsForm {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SettingsForm() {
    }

    public static ObjectNode toJson(Ldm4tsSettings s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("enabled", s.enabled());
        if (s.checkpoint() == null) {
            o.putNull("checkpoint");
        } else {
            o.put("checkpoint", s.checkpoint());
        }
        s.horizons().forEach(o.putArray("horizons")::add);
        o.put("mc_samples", s.mcSamples());
        o.put("window", s.window());
        o.put("uncertainty_threshold", s.uncertaintyThreshold());
        o.put("min_strength", s.minStrength());
        o.put("position_scaling", s.positionScaling());
        ObjectNode w = o.putObject("horizon_weights");
        s.horizonWeights().forEach((h, v) -> w.put(Integer.toString(h), v));
        o.put("min_quality", s.minQuality());
        o.put("directional_confidence", s.directionalConfidence());
        return o;
    }

    /** Applies the fields present in {@code body} over {@code base}; 400 naming every bad field. */
    public static Ldm4tsSettings merge(Ldm4tsSettings base, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badField("body", "expected a JSON object of settings");
        }
        Map<String, String> bad = new LinkedHashMap<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!KNOWN.contains(f)) {
                bad.put(f, "unknown setting (known: " + String.join(", ", KNOWN) + ")");
            }
        });
        Reader r = new Reader(body, bad);
        boolean enabled = r.bool("enabled", base.enabled());
        String checkpoint = r.text("checkpoint", base.checkpoint());
        List<Integer> horizons = r.horizons(base.horizons());
        int samples = r.integer("mc_samples", base.mcSamples(), 10, 200);
        int window = r.integer("window", base.window(), 50, 200);
        double u = r.number("uncertainty_threshold", base.uncertaintyThreshold(), 0.0001, 100, "percent of price");
        double strength = r.number("min_strength", base.minStrength(), 0, 1, "a fraction");
        boolean scaling = r.bool("position_scaling", base.positionScaling());
        Map<Integer, Double> weights = r.weights(base.horizonWeights(), horizons);
        double quality = r.number("min_quality", base.minQuality(), 0, 1, "a fraction");
        double confidence = r.number("directional_confidence", base.directionalConfidence(), 0.5, 1, "a fraction");
        if (enabled && (checkpoint == null || checkpoint.isBlank()) && !bad.containsKey("checkpoint")) {
            bad.put("checkpoint", "required when LDM4TS is enabled");
        }
        if (!bad.isEmpty()) {
            throw ApiException.badFields(bad);
        }
        return new Ldm4tsSettings(enabled, checkpoint == null || checkpoint.isBlank() ? null : checkpoint.trim(),
                horizons, samples, window, u, strength, scaling, weights, quality, confidence);
    }

    static final List<String> KNOWN = List.of("enabled", "checkpoint", "horizons", "mc_samples", "window",
            "uncertainty_threshold", "min_strength", "position_scaling", "horizon_weights", "min_quality",
            "directional_confidence");

    /** Reads one field at a time, recording a message per bad field and returning the old value for it. */
    private record Reader(JsonNode body, Map<String, String> bad) {
        boolean bool(String f, boolean old) {
            JsonNode v = body.get(f);
            if (v == null) {
                return old;
            }
            if (!v.isBoolean()) {
                bad.put(f, "expected true or false");
                return old;
            }
            return v.booleanValue();
        }

        String text(String f, String old) {
            JsonNode v = body.get(f);
            if (v == null) {
                return old;
            }
            if (v.isNull()) {
                return null;
            }
            if (!v.isTextual() || v.asText().length() > 1024) {
                bad.put(f, "expected a path of at most 1024 characters");
                return old;
            }
            return v.asText();
        }

        int integer(String f, int old, int min, int max) {
            JsonNode v = body.get(f);
            if (v == null) {
                return old;
            }
            if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
                bad.put(f, "must be an integer in " + min + ".." + max + ", got " + v);
                return old;
            }
            return v.intValue();
        }

        double number(String f, double old, double min, double max, String what) {
            JsonNode v = body.get(f);
            if (v == null) {
                return old;
            }
            if (!v.isNumber() || !(v.doubleValue() >= min && v.doubleValue() <= max)) {
                bad.put(f, String.format(Locale.ROOT, "must be %s in [%s, %s], got %s", what, trim(min), trim(max), v));
                return old;
            }
            return v.doubleValue();
        }

        List<Integer> horizons(List<Integer> old) {
            JsonNode v = body.get("horizons");
            if (v == null) {
                return old;
            }
            List<Integer> out = new ArrayList<>();
            if (!v.isArray() || v.isEmpty() || v.size() > 8) {
                bad.put("horizons", "expected 1 to 8 horizons in minutes, such as [15, 60, 240]");
                return old;
            }
            for (JsonNode h : v) {
                if (!h.isIntegralNumber() || h.asInt() < 1 || h.asInt() > 10_080 || out.contains(h.asInt())) {
                    bad.put("horizons", "each horizon must be a distinct whole number of minutes in 1..10080, got " + h);
                    return old;
                }
                out.add(h.asInt());
            }
            out.sort(Integer::compare);
            return out;
        }

        Map<Integer, Double> weights(Map<Integer, Double> old, List<Integer> horizons) {
            JsonNode v = body.get("horizon_weights");
            if (v == null) {
                if (!bad.containsKey("horizons") && !old.keySet().equals(new java.util.HashSet<>(horizons))) {
                    bad.put("horizon_weights", "give a weight for each horizon " + horizons);
                }
                return old;
            }
            if (!v.isObject()) {
                bad.put("horizon_weights", "expected an object of horizon minutes to weight, such as {\"15\": 0.3}");
                return old;
            }
            Map<Integer, Double> out = new LinkedHashMap<>();
            double sum = 0;
            for (var it = v.fields(); it.hasNext(); ) {
                var e = it.next();
                Integer h = parseInt(e.getKey());
                if (h == null || !horizons.contains(h) || !e.getValue().isNumber() || e.getValue().doubleValue() < 0
                        || e.getValue().doubleValue() > 1) {
                    bad.put("horizon_weights", "'" + e.getKey() + "' must be one of the horizons " + horizons
                            + " with a weight in [0, 1]");
                    return old;
                }
                out.put(h, e.getValue().doubleValue());
                sum += e.getValue().doubleValue();
            }
            if (!out.keySet().equals(new java.util.HashSet<>(horizons))) {
                bad.put("horizon_weights", "give a weight for each horizon " + horizons);
                return old;
            }
            if (Math.abs(sum - 1) > 1e-6) {
                bad.put("horizon_weights", String.format(Locale.ROOT, "weights must sum to 100%%, they sum to %.1f%%",
                        sum * 100));
                return old;
            }
            Map<Integer, Double> sorted = new LinkedHashMap<>();
            horizons.forEach(h -> sorted.put(h, out.get(h)));
            return sorted;
        }

        private static Integer parseInt(String s) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static String trim(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
