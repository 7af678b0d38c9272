package com.forexdiffusion.trading.quality;

/** The six dimensions of a signal's quality, each scored in [0, 1], with their default weights (SPEC §7). */
public enum QualityDimension {
    PATTERN_STRENGTH(0.25),
    MTF_AGREEMENT(0.20),
    REGIME_CONFIDENCE(0.20),
    VOLUME_CONFIRMATION(0.15),
    SENTIMENT_ALIGNMENT(0.10),
    CORRELATION_SAFETY(0.10);

    final double defaultWeight;

    QualityDimension(double defaultWeight) {
        this.defaultWeight = defaultWeight;
    }
}
