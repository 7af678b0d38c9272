package com.forexdiffusion.data.feed;

import com.forexdiffusion.core.BarSeries;

import java.util.List;
import java.util.Optional;

/**
 * Replays series already read, from a first bar each, merged in order of their bars' close times; bars closing at the
 * same instant come in the order the series are given, so a replay is deterministic.
 */
public final class HistoricalFeed implements MarketDataFeed {
    private final List<BarSeries> series;
    private final int[] next;

    private HistoricalFeed(List<BarSeries> series, int[] next) {
        this.series = List.copyOf(series);
        this.next = next;
    }

    /** @param starts the first bar index to emit of each series */
    public static HistoricalFeed of(List<BarSeries> series, int[] starts) {
        if (starts.length != series.size()) {
            throw new IllegalArgumentException(series.size() + " series but " + starts.length + " start indices");
        }
        return new HistoricalFeed(series, starts.clone());
    }

    @Override
    public Optional<BarEvent> next() {
        int best = -1;
        long bestTime = Long.MAX_VALUE;
        for (int k = 0; k < series.size(); k++) {
            BarSeries b = series.get(k);
            if (next[k] < b.size()) {
                long t = b.timeframe().next(b.ts(next[k]));
                if (t < bestTime) {
                    bestTime = t;
                    best = k;
                }
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        BarSeries b = series.get(best);
        int i = next[best]++;
        return Optional.of(new BarEvent(b.symbol(), b.timeframe(), b.bar(i), i));
    }

    /** Events left to emit. */
    public long remaining() {
        long n = 0;
        for (int k = 0; k < series.size(); k++) {
            n += Math.max(0, series.get(k).size() - next[k]);
        }
        return n;
    }
}
