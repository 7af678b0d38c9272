package com.forexdiffusion.forecast.baseline;

import java.util.HexFormat;

/**
 * A short hex fingerprint of a fitted model's exact parameters, part of its version: two fits are one version only
 * when they would forecast alike, so forecasts cached by version are never served for another fit.
 */
final class Fingerprint {
    private Fingerprint() {
    }

    static String of(double... values) {
        long h = 0xcbf29ce484222325L;
        for (double v : values) {
            h ^= Double.doubleToLongBits(v);
            h *= 0x100000001b3L;
            h ^= h >>> 31;
        }
        return HexFormat.of().toHexDigits((int) (h ^ (h >>> 32)));
    }
}
