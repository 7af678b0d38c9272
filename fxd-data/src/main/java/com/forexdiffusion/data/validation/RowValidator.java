package com.forexdiffusion.data.validation;

import com.forexdiffusion.core.BadInputException;

import java.time.Instant;

/**
 * Checks candle rows of one file as they stream by (SPEC §2): prices finite and positive, high and low
 * enclosing open and close, volume finite and non-negative, timestamps strictly increasing.
 * <p>
 * A row whose time is not after the last one is compared with a window of recently accepted rows: an
 * equal copy is a duplicate to drop, a differing one a conflict. The window is needed because real files
 * repeat blocks after later rows (HistData 2019 repeats an hour), so a duplicate can arrive with a time
 * earlier than the last one. Accepted times increase, so the window is a sorted ring searched by bisection
 * and nothing is allocated per row.
 */
public final class RowValidator {
    /** What to do with a row that passed. */
    public enum Verdict {
        /** A new bar: store it. */
        ACCEPT,
        /** An exact copy of an earlier row: drop it. */
        DUPLICATE,
        /** A conflicting copy under {@link ConflictPolicy#KEEP_LAST}: store it over the earlier one. */
        REPLACE
    }

    /** Rows remembered for duplicate detection. */
    public static final int DEFAULT_WINDOW = 4096;

    private final String source;
    private final ConflictPolicy policy;
    private final int mask;
    private final long[] ts;
    private final long[] lines;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private int head;
    private int count;
    private long duplicates;
    private long replaced;
    private long skipped;

    public RowValidator(String source, ConflictPolicy policy) {
        this(source, policy, DEFAULT_WINDOW);
    }

    /** @param window rows remembered for duplicate detection, rounded up to a power of two */
    public RowValidator(String source, ConflictPolicy policy, int window) {
        this.source = source;
        this.policy = policy;
        int cap = Integer.highestOneBit(Math.max(2, window - 1)) << 1;
        mask = cap - 1;
        ts = new long[cap];
        lines = new long[cap];
        open = new double[cap];
        high = new double[cap];
        low = new double[cap];
        close = new double[cap];
        volume = new double[cap];
    }

    /**
     * Checks one row; throws a {@link BadInputException} naming source, line and field when it is invalid.
     */
    public Verdict check(long line, long t, double o, double h, double l, double c, double v) {
        price(line, "open", o);
        price(line, "high", h);
        price(line, "low", l);
        price(line, "close", c);
        if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
            throw new BadInputException(source, line, "volume", Double.isNaN(v) || Double.isInfinite(v)
                    ? "volume " + v + " is not a finite number" : "volume " + v + " is negative");
        }
        if (h < l) {
            throw new BadInputException(source, line, "high", "high " + h + " is below low " + l);
        }
        if (h < Math.max(o, c)) {
            throw new BadInputException(source, line, "high", "high " + h + " is below max(open " + o
                    + ", close " + c + ")");
        }
        if (l > Math.min(o, c)) {
            throw new BadInputException(source, line, "low", "low " + l + " is above min(open " + o
                    + ", close " + c + ")");
        }
        if (count == 0 || t > ts[(head + count - 1) & mask]) {
            append(line, t, o, h, l, c, v);
            return Verdict.ACCEPT;
        }
        int k = find(t);
        if (k < 0) {
            long lastLine = lines[(head + count - 1) & mask];
            long lastTs = ts[(head + count - 1) & mask];
            String older = t < ts[head] && count == ts.length
                    ? " (or a repeat of a row more than " + ts.length + " rows back)" : "";
            throw new BadInputException(source, line, "time", "timestamp " + Instant.ofEpochMilli(t)
                    + " is out of order: it is earlier than " + Instant.ofEpochMilli(lastTs) + " at line " + lastLine
                    + older + "; rows must be in increasing time order");
        }
        if (open[k] == o && high[k] == h && low[k] == l && close[k] == c && volume[k] == v) {
            duplicates++;
            return Verdict.DUPLICATE;
        }
        if (policy == ConflictPolicy.KEEP_LAST) {
            lines[k] = line;
            open[k] = o;
            high[k] = h;
            low[k] = l;
            close[k] = c;
            volume[k] = v;
            replaced++;
            return Verdict.REPLACE;
        }
        if (policy == ConflictPolicy.SKIP) {
            skipped++;
            return Verdict.DUPLICATE;
        }
        throw new BadInputException(source, line, "time", "duplicate timestamp " + Instant.ofEpochMilli(t)
                + " with values (" + o + ", " + h + ", " + l + ", " + c + ", " + v + ") that differ from line "
                + lines[k] + " (" + open[k] + ", " + high[k] + ", " + low[k] + ", " + close[k] + ", " + volume[k]
                + "); use --on-conflict replace to keep the later row or skip to keep the earlier one");
    }

    /** Equal duplicates dropped so far. */
    public long duplicates() {
        return duplicates;
    }

    /** Conflicting duplicates dropped in favour of the earlier row (only under SKIP). */
    public long skipped() {
        return skipped;
    }

    /** Conflicting duplicates that replaced an earlier row (only under KEEP_LAST). */
    public long replaced() {
        return replaced;
    }

    private void price(long line, String field, double x) {
        if (x > 0 && x != Double.POSITIVE_INFINITY) {
            return;
        }
        String why = Double.isNaN(x) || Double.isInfinite(x) ? " is not a finite number" : " must be > 0";
        throw new BadInputException(source, line, field, field + " " + x + why);
    }

    private void append(long line, long t, double o, double h, double l, double c, double v) {
        int i;
        if (count == ts.length) {
            i = head;
            head = (head + 1) & mask;
        } else {
            i = (head + count) & mask;
            count++;
        }
        ts[i] = t;
        lines[i] = line;
        open[i] = o;
        high[i] = h;
        low[i] = l;
        close[i] = c;
        volume[i] = v;
    }

    /** Physical index of the remembered row at time {@code t}, or -1. */
    private int find(long t) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long x = ts[(head + mid) & mask];
            if (x < t) {
                lo = mid + 1;
            } else if (x > t) {
                hi = mid - 1;
            } else {
                return (head + mid) & mask;
            }
        }
        return -1;
    }
}
