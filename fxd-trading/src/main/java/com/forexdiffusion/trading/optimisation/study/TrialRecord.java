package com.forexdiffusion.trading.optimisation.study;

import java.util.Map;

/**
 * A stored trial. {@code objective} and {@code metrics} are null while it is running.
 *
 * @param metrics per-fold figures and whatever else the objective reports, as JSON-ready values
 */
public record TrialRecord(int number, TrialState state, Map<String, Object> params, Double objective,
                          Map<String, Object> metrics, long startedAt, Long finishedAt, Long durationMs) {
    public enum TrialState {
        RUNNING, DONE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static TrialState of(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
