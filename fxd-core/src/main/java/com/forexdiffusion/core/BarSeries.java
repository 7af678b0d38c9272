package com.forexdiffusion.core;

import java.util.Arrays;

/**
 * Bars of one symbol and timeframe in time order, stored as primitive columns so that millions of bars
 * cost 48 bytes each and hot loops read arrays, not objects. Immutable: {@link #slice} shares the columns.
 */
public final class BarSeries {
    private final String symbol;
    private final Timeframe timeframe;
    private final long[] ts;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final int offset;
    private final int size;

    private BarSeries(String symbol, Timeframe timeframe, long[] ts, double[] open, double[] high, double[] low,
                      double[] close, double[] volume, int offset, int size) {
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.ts = ts;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.offset = offset;
        this.size = size;
    }

    /**
     * Wraps columns of equal length (not copied). Timestamps must be strictly increasing: an unordered
     * series would silently break every windowed consumer, so it is rejected here.
     */
    public static BarSeries of(String symbol, Timeframe timeframe, long[] ts, double[] open, double[] high,
                               double[] low, double[] close, double[] volume) {
        int n = ts.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
            throw new IllegalArgumentException("columns of different lengths");
        }
        for (int i = 1; i < n; i++) {
            if (ts[i] <= ts[i - 1]) {
                throw new IllegalArgumentException("timestamps not strictly increasing at index " + i);
            }
        }
        return new BarSeries(symbol, timeframe, ts, open, high, low, close, volume, 0, n);
    }

    public static BarSeries empty(String symbol, Timeframe timeframe) {
        return builder(symbol, timeframe, 0).build();
    }

    public static Builder builder(String symbol, Timeframe timeframe, int capacity) {
        return new Builder(symbol, timeframe, capacity);
    }

    public String symbol() {
        return symbol;
    }

    public Timeframe timeframe() {
        return timeframe;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long ts(int i) {
        return ts[idx(i)];
    }

    public double open(int i) {
        return open[idx(i)];
    }

    public double high(int i) {
        return high[idx(i)];
    }

    public double low(int i) {
        return low[idx(i)];
    }

    public double close(int i) {
        return close[idx(i)];
    }

    public double volume(int i) {
        return volume[idx(i)];
    }

    public Bar bar(int i) {
        int k = idx(i);
        return new Bar(ts[k], open[k], high[k], low[k], close[k], volume[k]);
    }

    public long firstTs() {
        return ts(0);
    }

    public long lastTs() {
        return ts(size - 1);
    }

    /** Bars [from, to) as a view sharing these columns. */
    public BarSeries slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + size);
        }
        return new BarSeries(symbol, timeframe, ts, open, high, low, close, volume, offset + from, to - from);
    }

    /** Bars with open time in [fromMs, toMs). */
    public BarSeries between(long fromMs, long toMs) {
        return slice(lowerBound(fromMs), lowerBound(toMs));
    }

    /** Index of the bar that opens exactly at {@code t}, or -1. */
    public int indexOf(long t) {
        int i = lowerBound(t);
        return i < size && ts(i) == t ? i : -1;
    }

    /** Index of the last bar opening at or before {@code t}, or -1 when all bars are later. */
    public int indexAtOrBefore(long t) {
        return lowerBound(t + 1) - 1;
    }

    /** The first index whose open time is >= t (size when none). */
    public int lowerBound(long t) {
        int i = Arrays.binarySearch(ts, offset, offset + size, t);
        return (i >= 0 ? i : -i - 1) - offset;
    }

    /** Copies closes [from, to) into {@code dst} at {@code at}, for windowed consumers that own their buffers. */
    public void copyCloses(int from, int to, double[] dst, int at) {
        System.arraycopy(close, idx(from), dst, at, to - from);
    }

    public long[] timestamps() {
        return Arrays.copyOfRange(ts, offset, offset + size);
    }

    public double[] opens() {
        return Arrays.copyOfRange(open, offset, offset + size);
    }

    public double[] highs() {
        return Arrays.copyOfRange(high, offset, offset + size);
    }

    public double[] lows() {
        return Arrays.copyOfRange(low, offset, offset + size);
    }

    public double[] closes() {
        return Arrays.copyOfRange(close, offset, offset + size);
    }

    public double[] volumes() {
        return Arrays.copyOfRange(volume, offset, offset + size);
    }

    private int idx(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("bar " + i + " of " + size);
        }
        return offset + i;
    }

    @Override
    public String toString() {
        return "BarSeries[" + symbol + " " + timeframe + ", " + size + " bars]";
    }

    /** Appends bars in time order into growing columns. */
    public static final class Builder {
        private final String symbol;
        private final Timeframe timeframe;
        private long[] ts;
        private double[] o;
        private double[] h;
        private double[] l;
        private double[] c;
        private double[] v;
        private int n;

        private Builder(String symbol, Timeframe timeframe, int capacity) {
            this.symbol = symbol;
            this.timeframe = timeframe;
            int cap = Math.max(capacity, 16);
            ts = new long[cap];
            o = new double[cap];
            h = new double[cap];
            l = new double[cap];
            c = new double[cap];
            v = new double[cap];
        }

        public Builder add(long t, double open, double high, double low, double close, double volume) {
            if (n > 0 && t <= ts[n - 1]) {
                throw new IllegalArgumentException("bar at " + t + " is not after the previous bar at " + ts[n - 1]);
            }
            if (n == ts.length) {
                grow();
            }
            ts[n] = t;
            o[n] = open;
            h[n] = high;
            l[n] = low;
            c[n] = close;
            v[n] = volume;
            n++;
            return this;
        }

        public Builder add(Bar b) {
            return add(b.ts(), b.open(), b.high(), b.low(), b.close(), b.volume());
        }

        public int size() {
            return n;
        }

        private void grow() {
            int cap = ts.length + (ts.length >> 1) + 16;
            ts = Arrays.copyOf(ts, cap);
            o = Arrays.copyOf(o, cap);
            h = Arrays.copyOf(h, cap);
            l = Arrays.copyOf(l, cap);
            c = Arrays.copyOf(c, cap);
            v = Arrays.copyOf(v, cap);
        }

        public BarSeries build() {
            boolean exact = n == ts.length;
            return new BarSeries(symbol, timeframe,
                    exact ? ts : Arrays.copyOf(ts, n), exact ? o : Arrays.copyOf(o, n),
                    exact ? h : Arrays.copyOf(h, n), exact ? l : Arrays.copyOf(l, n),
                    exact ? c : Arrays.copyOf(c, n), exact ? v : Arrays.copyOf(v, n), 0, n);
        }
    }
}
