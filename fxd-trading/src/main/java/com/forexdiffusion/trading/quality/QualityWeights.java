package com.forexdiffusion.trading.quality;

import com.forexdiffusion.core.BadInputException;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Weights of the six dimensions, normalised to sum to one. */
public record QualityWeights(Map<QualityDimension, Double> weights) {
    public QualityWeights {
        EnumMap<QualityDimension, Double> w = new EnumMap<>(QualityDimension.class);
        double sum = 0;
        for (QualityDimension d : QualityDimension.values()) {
            Double v = weights.get(d);
            if (v == null || v < 0 || !Double.isFinite(v)) {
                throw BadInputException.ofField("quality.weights." + d.name().toLowerCase(java.util.Locale.ROOT),
                        "weight must be a finite number >= 0, got " + v);
            }
            w.put(d, v);
            sum += v;
        }
        if (!(sum > 0)) {
            throw BadInputException.ofField("quality.weights", "at least one weight must be positive");
        }
        for (QualityDimension d : QualityDimension.values()) {
            w.put(d, w.get(d) / sum);
        }
        weights = Collections.unmodifiableMap(w);
    }

    public static QualityWeights defaults() {
        EnumMap<QualityDimension, Double> w = new EnumMap<>(QualityDimension.class);
        for (QualityDimension d : QualityDimension.values()) {
            w.put(d, d.defaultWeight);
        }
        return new QualityWeights(w);
    }

    public double of(QualityDimension d) {
        return weights.get(d);
    }
}
