package com.forexdiffusion.data.store;

import com.forexdiffusion.core.Timeframe;

/**
 * The spreads one symbol's stored bars state, in quote currency, by bar open time (ascending); bars without one are
 * not in it.
 */
public record BarSpreads(String symbol, Timeframe timeframe, long[] ts, double[] spread) {
    public BarSpreads {
        if (ts.length != spread.length) {
            throw new IllegalArgumentException(ts.length + " times but " + spread.length + " spreads");
        }
    }

    public int size() {
        return ts.length;
    }

    /**
     * The spread of the last bar that had closed by {@code time} among those that state one (a quote's spread holds
     * until the next is known), or NaN when none had; nothing after {@code time} is read.
     */
    public double closedBy(long time) {
        int lo = 0;
        int hi = ts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (timeframe.next(ts[mid]) <= time) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? Double.NaN : spread[found];
    }
}
