package com.forexdiffusion.trading.optimisation.objective;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.trading.engine.SignalTuning;
import com.forexdiffusion.trading.engine.StrategyConfig;
import com.forexdiffusion.trading.optimisation.space.Param;
import com.forexdiffusion.trading.optimisation.space.SearchSpace;
import com.forexdiffusion.trading.sizing.SizingConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trading parameters an optimisation may search (SPEC §8) and how a trial's values become a strategy: names are
 * those of the strategy config file where one exists ({@code min_strength}, {@code risk_pct},
 * {@code uncertainty_threshold_pct}, {@code samples}), plus the signal tuning ({@code quality_threshold},
 * {@code directional_confidence}, {@code stop_multiple}, {@code target_multiple}, {@code horizon_weight_M} per
 * horizon of M minutes). A parameter left out of the space keeps the base strategy's value.
 */
public final class StrategyParams {
    private static final Set<String> FIXED = Set.of("uncertainty_threshold_pct", "min_strength", "samples",
            "quality_threshold", "directional_confidence", "stop_multiple", "target_multiple", "risk_pct");

    private StrategyParams() {
    }

    /** A trial's strategy: the config (with its forecast request) and the signal tuning. */
    public record Applied(StrategyConfig config, SignalTuning tuning) {
    }

    /**
     * SPEC §8's ranges: uncertainty threshold 0.3–0.7 %, min strength 0.2–0.5, samples 30, 50 or 100 (a choice, since
     * every distinct value needs its own cached forecasts), a weight 0.5–1.5 per horizon, quality threshold 0.5–0.9,
     * directional confidence 0.5–0.9, stop and target multiples 0.5–2 and risk per trade 0.25–2 % (log scale).
     */
    public static SearchSpace defaultSpace(List<Horizon> horizons) {
        List<Param> ps = new ArrayList<>();
        ps.add(new Param.FloatParam("uncertainty_threshold_pct", 0.3, 0.7, false));
        ps.add(new Param.FloatParam("min_strength", 0.2, 0.5, false));
        ps.add(new Param.CategoricalParam("samples", List.of(30, 50, 100)));
        for (Horizon h : horizons) {
            ps.add(new Param.FloatParam("horizon_weight_" + h.minutes(), 0.5, 1.5, false));
        }
        ps.add(new Param.FloatParam("quality_threshold", 0.5, 0.9, false));
        ps.add(new Param.FloatParam("directional_confidence", 0.5, 0.9, false));
        ps.add(new Param.FloatParam("stop_multiple", 0.5, 2.0, false));
        ps.add(new Param.FloatParam("target_multiple", 0.5, 2.0, false));
        ps.add(new Param.FloatParam("risk_pct", 0.25, 2.0, true));
        return new SearchSpace(ps);
    }

    /** Every name a space may use with these horizons. */
    public static Set<String> known(List<Horizon> horizons) {
        Set<String> k = new LinkedHashSet<>(FIXED);
        horizons.forEach(h -> k.add("horizon_weight_" + h.minutes()));
        return k;
    }

    /** Refuses a space with a parameter the strategy does not have, naming it. */
    public static void check(SearchSpace space, List<Horizon> horizons) {
        Set<String> known = known(horizons);
        for (Param p : space.params()) {
            if (!known.contains(p.name())) {
                throw BadInputException.ofField("params." + p.name(), "is not a strategy parameter (known: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    /**
     * The samples values trials of this space can ask for (each needs its own forecasts): the choices of a categorical
     * {@code samples}, every integer of an int one, the base strategy's value when the space leaves it out.
     */
    public static List<Integer> samplesValues(SearchSpace space, StrategyConfig base) {
        for (Param p : space.params()) {
            if (p.name().equals("samples")) {
                return switch (p) {
                    case Param.CategoricalParam c -> c.choices().stream().map(v -> ((Number) v).intValue()).toList();
                    case Param.IntParam i -> java.util.stream.IntStream.rangeClosed(i.low(), i.high()).boxed().toList();
                    case Param.FloatParam f -> throw BadInputException.ofField("params.samples", "must be int or "
                            + "categorical (a number of Monte Carlo samples)");
                };
            }
        }
        return List.of(base.samples());
    }

    public static Applied apply(Map<String, Object> params, StrategyConfig base) {
        StrategyConfig b = base;
        SizingConfig s = b.sizing();
        double riskPct = num(params, "risk_pct", s.riskPct());
        double threshold = num(params, "uncertainty_threshold_pct", s.uncertaintyThresholdPct());
        SizingConfig sizing = new SizingConfig(s.method(), riskPct, s.kellyFraction(), s.kellyMinTrades(),
                s.regimeMultipliers(), s.uncertaintyScaling(), threshold, s.maxPositionRiskPct(), s.maxTotalRiskPct(),
                s.drawdownStartPct(), s.drawdownFactor(), s.lotStep());
        int samples = (int) num(params, "samples", b.samples());
        StrategyConfig cfg = new StrategyConfig(b.horizons(), samples, b.seed(), b.lookback(),
                num(params, "min_strength", b.minStrength()), b.topN(), sizing, b.risk(), b.volumeWindow(),
                b.calibration(), b.quality(), b.entry(), b.skillGate());
        Map<Integer, Double> weights = new HashMap<>();
        for (Horizon h : b.horizons()) {
            Object w = params.get("horizon_weight_" + h.minutes());
            if (w != null) {
                weights.put(h.minutes(), ((Number) w).doubleValue());
            }
        }
        SignalTuning defaults = SignalTuning.defaults();
        SignalTuning tuning = new SignalTuning(num(params, "quality_threshold", defaults.qualityThreshold()),
                num(params, "directional_confidence", defaults.directionalConfidence()),
                num(params, "stop_multiple", defaults.stopMultiple()),
                num(params, "target_multiple", defaults.targetMultiple()), weights);
        return new Applied(cfg, tuning);
    }

    private static double num(Map<String, Object> params, String name, double fallback) {
        Object v = params.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw BadInputException.ofField("params." + name, "must be a number, got " + v);
        }
        return n.doubleValue();
    }
}
