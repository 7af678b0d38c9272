package com.forexdiffusion.web.market;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growing byte buffer for JSON made of ASCII keys, integers and prices. Prices with at most 8 decimals (every FX
 * quote) are written from their scaled integer, which is exact and far faster than a general double formatter;
 * anything else falls back to {@link Double#toString}.
 */
final class JsonBytes {
    private byte[] buf;
    private int n;

    JsonBytes(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    JsonBytes raw(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            buf[n++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** Pre-encoded ASCII (keys in a loop): one array copy. */
    JsonBytes raw(byte[] ascii) {
        ensure(ascii.length);
        System.arraycopy(ascii, 0, buf, n, ascii.length);
        n += ascii.length;
        return this;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    JsonBytes integer(long v) {
        ensure(20);
        if (v < 0) {
            buf[n++] = '-';
            v = -v;
        }
        int len = digits(v);
        for (int k = n + len - 1; k >= n; k--) {
            buf[k] = (byte) ('0' + v % 10);
            v /= 10;
        }
        n += len;
        return this;
    }

    private static int digits(long v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }

    JsonBytes price(double v) {
        // One scaling at the finest grid; the trailing zeros trimmed give the shortest form of any quote.
        if (Double.isFinite(v) && Math.abs(v) < 1e9) {
            long scaled = Math.round(v * 1e8);
            if ((double) scaled / 1e8 == v) {
                return fixed(scaled);
            }
        }
        return Double.isFinite(v) ? raw(Double.toString(v)) : raw("null");
    }

    private JsonBytes fixed(long scaled) {
        if (scaled < 0) {
            ensure(1);
            buf[n++] = '-';
            scaled = -scaled;
        }
        integer(scaled / 100_000_000L);
        long frac = scaled % 100_000_000L;
        if (frac == 0) {
            return this;
        }
        int decimals = 8;
        while (frac % 10 == 0) {
            frac /= 10;
            decimals--;
        }
        ensure(decimals + 1);
        buf[n++] = '.';
        for (int k = decimals - 1; k >= 0; k--) {
            buf[n + k] = (byte) ('0' + frac % 10);
            frac /= 10;
        }
        n += decimals;
        return this;
    }

    /** The bytes written so far, without a copy (valid until the next write). */
    java.io.InputStream stream() {
        return new java.io.ByteArrayInputStream(buf, 0, n);
    }

    int size() {
        return n;
    }

    byte[] bytes() {
        return Arrays.copyOf(buf, n);
    }

    @Override
    public String toString() {
        return new String(buf, 0, n, StandardCharsets.US_ASCII);
    }

    private void ensure(int more) {
        if (n + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
        }
    }
}
