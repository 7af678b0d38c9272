package com.forexdiffusion.trading.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.forecast.conformal.CalibrationMode;
import com.forexdiffusion.trading.broker.OrderType;
import com.forexdiffusion.trading.risk.RiskLimits;
import com.forexdiffusion.trading.sizing.SizingConfig;
import com.forexdiffusion.trading.sizing.SizingMethod;
import com.forexdiffusion.trading.skill.SkillGateConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.trading.quality.QualityDimension;
import com.forexdiffusion.trading.quality.QualityWeights;
import com.forexdiffusion.trading.regime.Regime;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a strategy configuration from JSON. Every key is optional (defaults from SPEC §7); an unknown key, a wrong
 * type or a value out of range is an error naming the file and the key.
 * <pre>{"horizons": [15, 60, 240], "samples": 50, "min_strength": 0.3, "top_n": 5,
 *  "risk_pct": 1.0, "sizing": "fixed_fractional", "uncertainty_threshold_pct": 0.5,
 *  "daily_loss_pct": 3.0, "max_open_positions": 5, "max_holding_minutes": 0, "trailing_stop_pips": 0,
 *  "quality_threshold": 0.65, "quality_weights": {"pattern_strength": 0.25, "mtf_agreement": 0.2, ...},
 *  "mtf_timeframes": ["H4", "D1"], "regime_multipliers": {"trending_up": 1.2, "ranging": 0.7, ...},
 *  "max_total_exposure_pct": 20, "max_notional_pct": 0,
 *  "entry": "limit", "entry_limit_quantile": 0.25, "entry_stop_offset_pips": 5, "entry_expiry_minutes": 60,
 *  "skill_gate": {"enabled": true, "window": 500, "warmup": 200, "max_crps_ratio": 1.0, "min_direction_lcb": 0.5,
 *                 "confidence": 0.95, "horizon": 15, "require": "either"},
 *  "calibration": {"mode": "aci", "alpha": 0.1, "gamma": 0.005, "window": 500, "warmup": 50}}</pre>
 */
public final class StrategyConfigFile {
    private static final Set<String> KEYS = Set.of("horizons", "samples", "seed", "lookback", "min_strength", "top_n",
            "risk_pct", "sizing", "kelly_fraction", "uncertainty_threshold_pct", "daily_loss_pct",
            "max_open_positions", "max_holding_minutes", "trailing_stop_pips", "quality_threshold", "quality_weights",
            "mtf_timeframes", "regime_multipliers", "max_total_exposure_pct", "max_notional_pct", "entry",
            "entry_limit_quantile", "entry_stop_offset_pips", "entry_expiry_minutes", "skill_gate", "calibration");
    private static final Set<String> CALIBRATION_KEYS = Set.of("mode", "alpha", "gamma", "window", "warmup");
    private static final Set<String> GATE_KEYS = Set.of("enabled", "window", "warmup", "max_crps_ratio",
            "min_direction_lcb", "confidence", "horizon", "require");

    private StrategyConfigFile() {
    }

    public static StrategyConfig read(Path file, StrategyConfig base) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw BadInputException.ofSource(file.toString(), "cannot read the config: " + e.getMessage());
        }
        return parse(root, file.toString(), base);
    }

    /** The settings of a config already read ({@code src} names where it came from, for errors). */
    public static StrategyConfig parse(JsonNode root, String src, StrategyConfig base) {
        Path file = Path.of(src);
        if (root == null || !root.isObject()) {
            throw BadInputException.ofSource(file.toString(), "the config must be a JSON object");
        }
        knownKeysOnly(src, root, "", KEYS);
        List<Horizon> horizons = base.horizons();
        if (root.has("horizons")) {
            if (!root.get("horizons").isArray() || root.get("horizons").isEmpty()) {
                throw new BadInputException(src, 0, "horizons", "must be a non-empty list of minutes");
            }
            horizons = new java.util.ArrayList<>();
            for (JsonNode h : root.get("horizons")) {
                horizons.add(new Horizon(intIn(src, "horizons", h, 1, 100_000)));
            }
        }
        SizingConfig s = base.sizing();
        SizingMethod method = s.method();
        if (root.has("sizing")) {
            try {
                method = SizingMethod.valueOf(root.get("sizing").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(src, 0, "sizing", "'" + root.get("sizing").asText()
                        + "' is not one of fixed_fractional, kelly, volatility_adjusted");
            }
        }
        RiskLimits r = base.risk();
        // One figure for SPEC's total exposure: the sizer caps each order at it, the risk manager the portfolio.
        double exposure = num(src, root, "max_total_exposure_pct", r.maxTotalExposurePct(), 0.1, 100);
        SizingConfig sizing = new SizingConfig(method, num(src, root, "risk_pct", s.riskPct(), 0.01, 5),
                num(src, root, "kelly_fraction", s.kellyFraction(), 0.01, 1), s.kellyMinTrades(),
                regimeMultipliers(src, root, s.regimeMultipliers()),
                s.uncertaintyScaling(), num(src, root, "uncertainty_threshold_pct", s.uncertaintyThresholdPct(), 0.05, 5),
                s.maxPositionRiskPct(), root.has("max_total_exposure_pct") ? exposure : s.maxTotalRiskPct(),
                s.drawdownStartPct(), s.drawdownFactor(), s.lotStep());
        RiskLimits risk = new RiskLimits(num(src, root, "daily_loss_pct", r.dailyLossPct(), 0.1, 100),
                (int) num(src, root, "max_open_positions", r.maxOpenPositions(), 1, 100),
                (long) num(src, root, "max_holding_minutes", r.maxHoldingMinutes(), 0, 525_600),
                num(src, root, "trailing_stop_pips", r.trailingStopPips(), 0, 10_000), exposure,
                num(src, root, "max_notional_pct", r.maxNotionalPct(), 0, 10_000));
        return new StrategyConfig(horizons, (int) num(src, root, "samples", base.samples(), 2, 10_000),
                (long) num(src, root, "seed", base.seed(), Long.MIN_VALUE, Long.MAX_VALUE),
                (int) num(src, root, "lookback", base.lookback(), 2, 100_000),
                num(src, root, "min_strength", base.minStrength(), 0, 1),
                (int) num(src, root, "top_n", base.topN(), 1, 100), sizing, risk, base.volumeWindow(),
                calibration(src, root, base.calibration()), quality(src, root, base.quality()),
                entry(src, root, base.entry()),
                skillGate(src, root, base.skillGate()));
    }

    private static EntrySettings entry(String src, JsonNode root, EntrySettings e) {
        OrderType type = e.type();
        if (root.has("entry")) {
            type = named(src, "entry", root.get("entry").asText(), OrderType.class);
        }
        return new EntrySettings(type, num(src, root, "entry_limit_quantile", e.limitQuantile(), 0.06, 0.5),
                num(src, root, "entry_stop_offset_pips", e.stopOffsetPips(), 0.1, 10_000),
                (long) num(src, root, "entry_expiry_minutes", e.expiryMinutes(), 1, 525_600));
    }

    /**
     * The calibration object, key by key over {@code c} (the command line's --calibration); an unknown key or a bad
     * value names calibration.KEY, and settings that do not fit together (a warm-up shorter than alpha allows, a
     * window shorter than the warm-up) name the file.
     */
    static CalibrationConfig calibration(String src, JsonNode root, CalibrationConfig c) {
        JsonNode n = root.get("calibration");
        if (n == null) {
            return c;
        }
        if (!n.isObject()) {
            throw new BadInputException(src, 0, "calibration", "must be an object like {\"mode\": \"aci\", "
                    + "\"alpha\": 0.1}");
        }
        knownKeysOnly(src, n, "calibration.", CALIBRATION_KEYS);
        CalibrationMode mode = c.mode();
        if (n.has("mode")) {
            if (!n.get("mode").isTextual()) {
                throw new BadInputException(src, 0, "calibration.mode", "must be one of " + CalibrationMode.labels()
                        + ", got " + n.get("mode"));
            }
            try {
                mode = CalibrationMode.parse("calibration.mode", n.get("mode").asText());
            } catch (BadInputException e) {
                throw new BadInputException(src, 0, "calibration.mode", "'" + n.get("mode").asText()
                        + "' is not one of " + CalibrationMode.labels());
            }
        }
        double alpha = n.has("alpha") ? num(src, n.get("alpha"), "calibration.alpha", 0.001, 0.5) : c.alpha();
        double gamma = n.has("gamma") ? num(src, n.get("gamma"), "calibration.gamma", 0, 0.5) : c.gamma();
        int window = n.has("window") ? intIn(src, "calibration.window", n.get("window"), 2, 1_000_000) : c.window();
        int warmup = n.has("warmup") ? intIn(src, "calibration.warmup", n.get("warmup"), 1, 1_000_000) : c.warmup();
        try {
            return new CalibrationConfig(mode, alpha, gamma, window, warmup);
        } catch (BadInputException e) {
            throw BadInputException.ofSource(src, e.getMessage());
        }
    }

    /** The skill_gate object, key by key over {@code g}; an unknown key or a bad value names skill_gate.KEY. */
    static SkillGateConfig skillGate(String src, JsonNode root, SkillGateConfig g) {
        if (!root.has("skill_gate")) {
            return g;
        }
        JsonNode n = root.get("skill_gate");
        if (!n.isObject()) {
            throw new BadInputException(src, 0, "skill_gate", "must be an object like {\"enabled\": true, "
                    + "\"window\": 500}");
        }
        knownKeysOnly(src, n, "skill_gate.", GATE_KEYS);
        SkillGateConfig.Builder b = g.toBuilder();
        if (n.has("enabled")) {
            if (!n.get("enabled").isBoolean()) {
                throw new BadInputException(src, 0, "skill_gate.enabled", "must be true or false, got " + n.get("enabled"));
            }
            b.enabled(n.get("enabled").asBoolean());
        }
        if (n.has("window")) {
            b.window(intIn(src, "skill_gate.window", n.get("window"), 2, 1_000_000));
        }
        if (n.has("warmup")) {
            b.warmup(intIn(src, "skill_gate.warmup", n.get("warmup"), 1, 1_000_000));
        }
        if (n.has("max_crps_ratio")) {
            b.maxCrpsRatio(num(src, n.get("max_crps_ratio"), "skill_gate.max_crps_ratio", 0.01, 100));
        }
        if (n.has("min_direction_lcb")) {
            b.minDirectionLcb(num(src, n.get("min_direction_lcb"), "skill_gate.min_direction_lcb", 0, 1));
        }
        if (n.has("confidence")) {
            b.confidence(num(src, n.get("confidence"), "skill_gate.confidence", 0.5, 0.9999));
        }
        if (n.has("horizon")) {
            b.horizonMinutes(intIn(src, "skill_gate.horizon", n.get("horizon"), 1, 100_000));
        }
        if (n.has("require")) {
            String r = n.get("require").asText();
            if (!n.get("require").isTextual() || !r.equals("either") && !r.equals("both")) {
                throw new BadInputException(src, 0, "skill_gate.require", "must be \"either\" (CRPS ratio or "
                        + "direction bound shows skill) or \"both\", got " + n.get("require"));
            }
            b.requireBoth(r.equals("both"));
        }
        try {
            return b.build();
        } catch (BadInputException e) {
            // The record's own range checks (warm-up beyond the window): named with the file.
            throw new BadInputException(src, 0, e.field() == null ? "skill_gate" : e.field(), e.reason());
        }
    }

    private static QualitySettings quality(String src, JsonNode root, QualitySettings q) {
        Double threshold = q.threshold();
        if (root.has("quality_threshold")) {
            threshold = num(src, root, "quality_threshold", 0, 0, 1);
        }
        QualityWeights weights = q.weights();
        if (root.has("quality_weights")) {
            Map<QualityDimension, Double> w = new EnumMap<>(weights.weights());
            for (Map.Entry<String, JsonNode> e : fields(src, root, "quality_weights")) {
                QualityDimension d = named(src, "quality_weights." + e.getKey(), e.getKey(), QualityDimension.class);
                w.put(d, num(src, e.getValue(), "quality_weights." + e.getKey(), 0, 100));
            }
            weights = new QualityWeights(w);
        }
        List<Timeframe> mtf = q.mtfTimeframes();
        if (root.has("mtf_timeframes")) {
            if (!root.get("mtf_timeframes").isArray()) {
                throw new BadInputException(src, 0, "mtf_timeframes", "must be a list of timeframes like [\"H4\", \"D1\"]");
            }
            mtf = new java.util.ArrayList<>();
            for (JsonNode n : root.get("mtf_timeframes")) {
                try {
                    mtf.add(Timeframe.parse(n.asText()));
                } catch (RuntimeException e) {
                    throw new BadInputException(src, 0, "mtf_timeframes", "'" + n.asText() + "' is not a timeframe");
                }
            }
        }
        return new QualitySettings(weights, threshold, mtf);
    }

    private static Map<Regime, Double> regimeMultipliers(String src, JsonNode root, Map<Regime, Double> base) {
        if (!root.has("regime_multipliers")) {
            return base;
        }
        Map<Regime, Double> m = new EnumMap<>(Regime.class);
        m.putAll(base);
        for (Map.Entry<String, JsonNode> e : fields(src, root, "regime_multipliers")) {
            m.put(named(src, "regime_multipliers." + e.getKey(), e.getKey(), Regime.class),
                    num(src, e.getValue(), "regime_multipliers." + e.getKey(), 0, 5));
        }
        return m;
    }

    private static List<Map.Entry<String, JsonNode>> fields(String src, JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (!n.isObject()) {
            throw new BadInputException(src, 0, key, "must be an object of name: number");
        }
        List<Map.Entry<String, JsonNode>> out = new java.util.ArrayList<>();
        n.fields().forEachRemaining(out::add);
        return out;
    }

    /** An object's keys must be known; the first that is not is an error naming {@code prefix + key}. */
    private static void knownKeysOnly(String src, JsonNode n, String prefix, Set<String> known) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new BadInputException(src, 0, prefix + k, "unknown key (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static <E extends Enum<E>> E named(String src, String key, String name, Class<E> type) {
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(src, 0, key, "'" + name + "' is not one of " + java.util.Arrays.stream(
                    type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    private static double num(String src, JsonNode n, String key, double min, double max) {
        if (!n.isNumber()) {
            throw new BadInputException(src, 0, key, "must be a number, got " + n);
        }
        double v = n.asDouble();
        if (!(v >= min && v <= max)) {
            throw new BadInputException(src, 0, key, v + " is outside [" + min + ", " + max + "]");
        }
        return v;
    }

    private static double num(String src, JsonNode root, String key, double dflt, double min, double max) {
        JsonNode n = root.get(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isNumber()) {
            throw new BadInputException(src, 0, key, "must be a number, got " + n);
        }
        double v = n.asDouble();
        if (!(v >= min && v <= max)) {
            throw new BadInputException(src, 0, key, v + " is outside [" + min + ", " + max + "]");
        }
        return v;
    }

    private static int intIn(String src, String key, JsonNode n, int min, int max) {
        if (!n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
            throw new BadInputException(src, 0, key, n + " is not a whole number in [" + min + ", " + max + "]");
        }
        return n.asInt();
    }
}
