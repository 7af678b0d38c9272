package com.forexdiffusion.trading.quality;

import java.util.Map;

/**
 * A scored signal: each dimension in [0, 1], the weighted composite after the uncertainty penalty, and whether it
 * clears the threshold that applied (per regime when configured).
 */
public record QualityScore(Map<QualityDimension, Double> dimensions, double composite, double penalty,
                           double threshold, boolean passes) {
    public double of(QualityDimension d) {
        return dimensions.get(d);
    }
}
