package com.forexdiffusion.trading.optimisation.study;

import java.util.Map;

/** What an objective reports for one parameter set: the value to maximise and the figures behind it. */
public record TrialOutcome(double objective, Map<String, Object> metrics) {
    public TrialOutcome {
        if (!Double.isFinite(objective)) {
            throw new IllegalArgumentException("an objective must be finite, got " + objective);
        }
        metrics = metrics == null ? Map.of() : metrics;
    }
}
