package com.forexdiffusion.trading.optimisation.objective;

import com.forexdiffusion.core.BadInputException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weights of the SPEC §8 objective: 0.4·Sharpe − 0.25·maxDD% / 100 + 0.15·(PF − 1) − 0.05·cost ratio
 * + 0.10·(−avg u) + 0.05·directional accuracy. Keys as in a search-space file's {@code objective} block.
 */
public record ObjectiveWeights(double sharpe, double maxDrawdown, double profitFactor, double costRatio,
                               double uncertainty, double directionalAccuracy) {
    public static ObjectiveWeights defaults() {
        return new ObjectiveWeights(0.4, 0.25, 0.15, 0.05, 0.10, 0.05);
    }

    /** The defaults with the named weights replaced; an unknown name is an error naming it. */
    public static ObjectiveWeights withOverrides(Map<String, Double> w) {
        Map<String, Double> m = new LinkedHashMap<>(defaults().asMap());
        w.forEach((k, v) -> {
            if (!m.containsKey(k)) {
                throw BadInputException.ofField("objective." + k, "unknown weight (known: " + m.keySet() + ")");
            }
            if (!Double.isFinite(v)) {
                throw BadInputException.ofField("objective." + k, "must be a finite number");
            }
            m.put(k, v);
        });
        return new ObjectiveWeights(m.get("sharpe"), m.get("max_drawdown"), m.get("profit_factor"),
                m.get("cost_ratio"), m.get("uncertainty"), m.get("directional_accuracy"));
    }

    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("sharpe", sharpe);
        m.put("max_drawdown", maxDrawdown);
        m.put("profit_factor", profitFactor);
        m.put("cost_ratio", costRatio);
        m.put("uncertainty", uncertainty);
        m.put("directional_accuracy", directionalAccuracy);
        return m;
    }

    /**
     * The objective of one fold's figures. Undefined figures (no trades: no profit factor, no u, no accuracy; a flat
     * equity curve: no Sharpe) contribute 0; the profit factor is capped at 5 so one lucky fold without a loss cannot
     * dominate.
     */
    public double of(FoldMetrics f) {
        return sharpe * zero(f.sharpe()) - maxDrawdown * zero(f.maxDrawdown())
                + profitFactor * (Double.isNaN(f.profitFactor()) ? 0 : Math.min(f.profitFactor(), 5) - 1)
                - costRatio * zero(f.costRatio()) - uncertainty * zero(f.avgUncertaintyPct())
                + directionalAccuracy * zero(f.directionalAccuracy());
    }

    private static double zero(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
