package com.forexdiffusion.vision;

import com.forexdiffusion.core.BadInputException;

/**
 * How windows become images.
 *
 * @param window  bars per window, L (default 100)
 * @param height  image rows (8 to 1024; 64 compact, 224 paper)
 * @param width   image columns (8 to 1024)
 * @param source  the series the views are drawn from
 * @param period  SEG period in bars, or 0 to detect it per window by FFT
 * @param epsilon RP bandwidth ε in R = exp(−(xi − xj)² / 2ε²)
 */
public record VisionConfig(int window, int height, int width, SourceSeries source, int period, double epsilon) {
    public static final int MIN_SIZE = 8;
    public static final int MAX_SIZE = 1024;

    public VisionConfig {
        if (window < 4) {
            throw BadInputException.ofField("window", "window must hold at least 4 bars, got " + window);
        }
        checkSize("height", height);
        checkSize("width", width);
        if (source == null) {
            throw BadInputException.ofField("source", "no source series given");
        }
        if (period != 0 && (period < 2 || period > window)) {
            throw BadInputException.ofField("period", "SEG period must be 0 (detect) or in [2, " + window + "], got "
                    + period);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw BadInputException.ofField("epsilon", "RP epsilon must be positive, got " + epsilon);
        }
    }

    private static void checkSize(String field, int v) {
        if (v < MIN_SIZE || v > MAX_SIZE) {
            throw BadInputException.ofField(field, "image " + field + " must be in [" + MIN_SIZE + ", " + MAX_SIZE
                    + "], got " + v);
        }
    }

    /** Compact profile: L = 100, 64×64, close, detected period, ε = 1. */
    public static VisionConfig compact() {
        return square(100, 64);
    }

    /** Paper profile: L = 100, 224×224. */
    public static VisionConfig paper() {
        return square(100, 224);
    }

    public static VisionConfig square(int window, int size) {
        return new VisionConfig(window, size, size, SourceSeries.CLOSE, 0, 1.0);
    }

    public VisionConfig withSource(SourceSeries s) {
        return new VisionConfig(window, height, width, s, period, epsilon);
    }

    public VisionConfig withPeriod(int p) {
        return new VisionConfig(window, height, width, source, p, epsilon);
    }

    /** Floats in one image: 3 × height × width. */
    public int imageFloats() {
        return 3 * height * width;
    }
}
