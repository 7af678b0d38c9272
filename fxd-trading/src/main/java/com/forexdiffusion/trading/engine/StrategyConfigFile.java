package com.forexdiffusion.trading.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.trading.risk.RiskLimits;
import com.forexdiffusion.trading.sizing.SizingConfig;
import com.forexdiffusion.trading.sizing.SizingMethod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a strategy configuration from JSON. Every key is optional (defaults from SPEC §7); an unknown key, a wrong
 * type or a value out of range is an error naming the file and the key.
 * <pre>{"horizons": [15, 60, 240], "samples": 50, "min_strength": 0.3, "top_n": 5,
 *  "risk_pct": 1.0, "sizing": "fixed_fractional", "uncertainty_threshold_pct": 0.5,
 *  "daily_loss_pct": 3.0, "max_open_positions": 5, "max_holding_minutes": 0, "trailing_stop_pips": 0}</pre>
 */
public final class StrategyConfigFile {
    private static final Set<String> KEYS = Set.of("horizons", "samples", "seed", "lookback", "min_strength", "top_n",
            "risk_pct", "sizing", "kelly_fraction", "uncertainty_threshold_pct", "daily_loss_pct",
            "max_open_positions", "max_holding_minutes", "trailing_stop_pips");

    private StrategyConfigFile() {
    }

    public static StrategyConfig read(Path file, StrategyConfig base) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw BadInputException.ofSource(file.toString(), "cannot read the config: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw BadInputException.ofSource(file.toString(), "the config must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new BadInputException(file.toString(), 0, k, "unknown key (known: " + String.join(", ",
                        KEYS.stream().sorted().toList()) + ")");
            }
        }
        String src = file.toString();
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
        SizingConfig sizing = new SizingConfig(method, num(src, root, "risk_pct", s.riskPct(), 0.01, 5),
                num(src, root, "kelly_fraction", s.kellyFraction(), 0.01, 1), s.kellyMinTrades(), s.regimeMultipliers(),
                s.uncertaintyScaling(), num(src, root, "uncertainty_threshold_pct", s.uncertaintyThresholdPct(), 0.05, 5),
                s.maxPositionRiskPct(), s.maxTotalRiskPct(), s.drawdownStartPct(), s.drawdownFactor(), s.lotStep());
        RiskLimits r = base.risk();
        RiskLimits risk = new RiskLimits(num(src, root, "daily_loss_pct", r.dailyLossPct(), 0.1, 100),
                (int) num(src, root, "max_open_positions", r.maxOpenPositions(), 1, 100),
                (long) num(src, root, "max_holding_minutes", r.maxHoldingMinutes(), 0, 525_600),
                num(src, root, "trailing_stop_pips", r.trailingStopPips(), 0, 10_000));
        return new StrategyConfig(horizons, (int) num(src, root, "samples", base.samples(), 2, 10_000),
                (long) num(src, root, "seed", base.seed(), Long.MIN_VALUE, Long.MAX_VALUE),
                (int) num(src, root, "lookback", base.lookback(), 2, 100_000),
                num(src, root, "min_strength", base.minStrength(), 0, 1),
                (int) num(src, root, "top_n", base.topN(), 1, 100), sizing, risk, base.volumeWindow(),
                base.calibration());
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
