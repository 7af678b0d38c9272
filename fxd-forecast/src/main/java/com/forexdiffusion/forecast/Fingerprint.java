package com.forexdiffusion.forecast;

import com.forexdiffusion.core.BarSeries;

import java.util.HexFormat;

/**
 * Fast non-cryptographic fingerprints (FNV-1a style with an extra shift mix) of exact values. A fitted model's
 * version carries one of its parameters, so forecasts cached by version are never served for another fit; a
 * cached forecast carries one of its window, so a corrected bar invalidates it.
 */
public final class Fingerprint {
    private static final long OFFSET = 0xcbf29ce484222325L;

    private Fingerprint() {
    }

    private static long mix(long h, long v) {
        h ^= v;
        h *= 0x100000001b3L;
        return h ^ (h >>> 29);
    }

    /** Eight hex digits of the exact bits of the values. */
    public static String hex(double... values) {
        long h = OFFSET;
        for (double v : values) {
            h = mix(h, Double.doubleToLongBits(v));
        }
        return HexFormat.of().toHexDigits((int) (h ^ (h >>> 32)));
    }

    /** The bars of a window: times, prices and volumes. */
    public static long of(BarSeries w) {
        long h = OFFSET;
        for (int i = 0; i < w.size(); i++) {
            h = mix(h, w.ts(i));
            h = mix(h, Double.doubleToLongBits(w.open(i)));
            h = mix(h, Double.doubleToLongBits(w.high(i)));
            h = mix(h, Double.doubleToLongBits(w.low(i)));
            h = mix(h, Double.doubleToLongBits(w.close(i)));
            h = mix(h, Double.doubleToLongBits(w.volume(i)));
        }
        return h;
    }
}
