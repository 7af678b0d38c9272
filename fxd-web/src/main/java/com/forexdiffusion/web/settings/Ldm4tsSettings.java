package com.forexdiffusion.web.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The LDM4TS settings of SPEC §10. Fractions are in [0, 1] (the page shows them in percent).
 *
 * @param checkpoint           directory of a trained LDM4TS checkpoint, or null
 * @param horizons             forecast horizons in minutes
 * @param mcSamples            Monte Carlo samples per forecast, 10..200
 * @param window               bars per window, 50..200
 * @param uncertaintyThreshold u in percent above which signals are penalised
 * @param horizonWeights       horizon minutes to weight, summing to 1
 */
public record Ldm4tsSettings(boolean enabled, String checkpoint, List<Integer> horizons, int mcSamples, int window,
                             double uncertaintyThreshold, double minStrength, boolean positionScaling,
                             Map<Integer, Double> horizonWeights, double minQuality, double directionalConfidence) {
    public Ldm4tsSettings {
        horizons = List.copyOf(horizons);
        horizonWeights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(horizonWeights));
    }

    public static Ldm4tsSettings defaults() {
        Map<Integer, Double> w = new LinkedHashMap<>();
        w.put(15, 0.3);
        w.put(60, 0.5);
        w.put(240, 0.2);
        return new Ldm4tsSettings(false, null, List.of(15, 60, 240), 50, 100, 0.5, 0.3, true, w, 0.65, 0.6);
    }
}
