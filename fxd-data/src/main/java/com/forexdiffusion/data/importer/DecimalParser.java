package com.forexdiffusion.data.importer;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers straight from bytes. The fast path is exact: a mantissa below 2^53 and a power of
 * ten up to 10^22 are both exact doubles, so one IEEE division rounds correctly and the result equals
 * {@link Double#parseDouble}. Everything else (long mantissas, exponents, NaN, Infinity) falls back to it.
 */
final class DecimalParser {
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final long MAX_EXACT = 1L << 53;

    /** Thrown for text that is not a number; shared and without a stack trace, since callers translate it. */
    static final class Unparsable extends RuntimeException {
        private Unparsable() {
            super("not a number", null, false, false);
        }
    }

    static final Unparsable UNPARSABLE = new Unparsable();

    private DecimalParser() {
    }

    /** The number in bytes [from, to), surrounding spaces ignored; throws {@link #UNPARSABLE} otherwise. */
    static double parse(byte[] b, int from, int to) {
        while (from < to && b[from] == ' ') {
            from++;
        }
        while (to > from && b[to - 1] == ' ') {
            to--;
        }
        if (from == to) {
            throw UNPARSABLE;
        }
        int i = from;
        boolean negative = false;
        if (b[i] == '-') {
            negative = true;
            i++;
        } else if (b[i] == '+') {
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d >= 0 && d <= 9) {
                digits++;
                if (mantissa != 0 || d != 0) {
                    significant++;
                }
                // 18 digits cannot overflow a long; longer inputs take the slow path below.
                if (significant <= 18) {
                    mantissa = mantissa * 10 + d;
                }
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (b[i] == '.' && fraction < 0) {
                fraction = 0;
            } else {
                break;
            }
        }
        if (i == to && digits > 0 && significant <= 18 && mantissa < MAX_EXACT && fraction <= 22) {
            double v = fraction > 0 ? mantissa / POW10[fraction] : (double) mantissa;
            return negative ? -v : v;
        }
        return slow(b, from, to);
    }

    private static double slow(byte[] b, int from, int to) {
        String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        String unsigned = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        boolean negative = s.startsWith("-");
        // Name the non-finite values explicitly so that validation, not parsing, reports them.
        switch (unsigned.toLowerCase(java.util.Locale.ROOT)) {
            case "nan" -> {
                return Double.NaN;
            }
            case "inf", "infinity" -> {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            default -> { }
        }
        // Double.parseDouble also accepts hex floats and 'd'/'f' suffixes, which no price file contains.
        for (int i = 0; i < unsigned.length(); i++) {
            char c = unsigned.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                throw UNPARSABLE;
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw UNPARSABLE;
        }
    }
}
