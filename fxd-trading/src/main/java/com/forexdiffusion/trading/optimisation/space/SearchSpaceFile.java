package com.forexdiffusion.trading.optimisation.space;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.forexdiffusion.core.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A search space as a file (JSON, or YAML when the name ends in .yaml/.yml):
 * <pre>
 * params:
 *   min_strength: {type: float, low: 0.2, high: 0.5}
 *   samples:      {type: int, low: 30, high: 100}
 *   risk_pct:     {type: float, low: 0.25, high: 2, log: true}
 *   sizing:       {type: categorical, choices: [fixed_fractional, kelly]}
 * objective: {sharpe: 0.4, max_drawdown: 0.25}   # optional weights, the rest keep their defaults
 * </pre>
 * Errors name the file and the field.
 */
public final class SearchSpaceFile {
    private SearchSpaceFile() {
    }

    /** The parameters and the objective weights a file declares (weights: only those it names). */
    public record Contents(SearchSpace space, Map<String, Double> objectiveWeights) {
    }

    public static Contents read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        ObjectMapper m = name.endsWith(".yaml") || name.endsWith(".yml") ? new ObjectMapper(new YAMLFactory())
                : new ObjectMapper();
        JsonNode root;
        try {
            root = m.readTree(Files.readString(file));
        } catch (IOException e) {
            throw BadInputException.ofSource(file.toString(), "cannot read the search space: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        try {
            return parse(root);
        } catch (BadInputException e) {
            throw new BadInputException(file.toString(), 0, e.field(), e.reason());
        }
    }

    public static Contents parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw BadInputException.ofField("params", "a search space file is an object with 'params'");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("params") && !k.equals("objective")) {
                throw BadInputException.ofField(k, "unknown key (a search space file has 'params' and 'objective')");
            }
        }
        JsonNode ps = root.get("params");
        if (ps == null || !ps.isObject() || ps.isEmpty()) {
            throw BadInputException.ofField("params", "must be an object of at least one parameter");
        }
        List<Param> params = new ArrayList<>();
        ps.fields().forEachRemaining(e -> params.add(param(e.getKey(), e.getValue())));
        Map<String, Double> weights = new java.util.LinkedHashMap<>();
        JsonNode w = root.get("objective");
        if (w != null) {
            if (!w.isObject()) {
                throw BadInputException.ofField("objective", "must be an object of weights");
            }
            w.fields().forEachRemaining(e -> {
                if (!e.getValue().isNumber()) {
                    throw BadInputException.ofField("objective." + e.getKey(), "must be a number");
                }
                weights.put(e.getKey(), e.getValue().asDouble());
            });
        }
        return new Contents(new SearchSpace(params), weights);
    }

    private static Param param(String name, JsonNode n) {
        if (!n.isObject()) {
            throw BadInputException.ofField("params." + name, "must be an object with a 'type'");
        }
        String type = n.path("type").asText("");
        String f = "params." + name;
        return switch (type) {
            case "int" -> new Param.IntParam(name, integer(n, f, "low"), integer(n, f, "high"));
            case "float" -> new Param.FloatParam(name, number(n, f, "low"), number(n, f, "high"),
                    n.path("log").asBoolean(false));
            case "categorical" -> {
                JsonNode c = n.get("choices");
                if (c == null || !c.isArray() || c.isEmpty()) {
                    throw BadInputException.ofField(f + ".choices", "must be a non-empty list");
                }
                List<Object> choices = new ArrayList<>();
                c.forEach(x -> choices.add(x.isNumber() ? (Object) x.asDouble() : x.isBoolean() ? x.asBoolean()
                        : x.asText()));
                yield new Param.CategoricalParam(name, choices);
            }
            default -> throw BadInputException.ofField(f + ".type", "must be int, float or categorical, got '" + type
                    + "'");
        };
    }

    private static int integer(JsonNode n, String field, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw BadInputException.ofField(field + "." + key, "must be an integer");
        }
        return v.asInt();
    }

    private static double number(JsonNode n, String field, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber()) {
            throw BadInputException.ofField(field + "." + key, "must be a number");
        }
        return v.asDouble();
    }

    /** Canonical JSON of a space (what a study stores and compares on resume). */
    public static String toJson(SearchSpace space) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ObjectNode ps = root.putObject("params");
        for (Param p : space.params()) {
            ObjectNode o = ps.putObject(p.name());
            switch (p) {
                case Param.IntParam i -> o.put("type", "int").put("low", i.low()).put("high", i.high());
                case Param.FloatParam x -> o.put("type", "float").put("low", x.low()).put("high", x.high())
                        .put("log", x.log());
                case Param.CategoricalParam c -> {
                    o.put("type", "categorical");
                    ArrayNode a = o.putArray("choices");
                    c.choices().forEach(v -> a.addPOJO(v));
                }
            }
        }
        return root.toString();
    }
}
