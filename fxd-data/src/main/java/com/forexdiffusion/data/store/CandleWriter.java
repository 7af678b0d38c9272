package com.forexdiffusion.data.store;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;

/**
 * One write transaction on the candle table, batched internally. Not thread-safe. Use in
 * try-with-resources: {@link #close()} rolls back unless {@link #commit()} succeeded.
 */
public interface CandleWriter extends AutoCloseable {
    /** Upserts one complete bar; the same key written twice in one transaction keeps the last values. */
    default void add(String symbol, Timeframe timeframe, long ts, double open, double high, double low, double close,
                     double volume, String source) {
        add(symbol, timeframe, ts, open, high, low, close, volume, source, 0);
    }

    /**
     * Upserts one bar that its source covered except for {@code missingMinutes} of trading time (0 = complete; more
     * marks a resampled bar built from part of its minutes, counted as partial by the store's summaries).
     */
    default void add(String symbol, Timeframe timeframe, long ts, double open, double high, double low, double close,
                     double volume, String source, int missingMinutes) {
        add(symbol, timeframe, ts, open, high, low, close, volume, source, missingMinutes, Double.NaN);
    }

    /**
     * As above, with the bar's spread in quote currency as its source states it (NaN: not stated; a stored spread is
     * then kept, so re-importing a file without spreads does not erase them).
     */
    void add(String symbol, Timeframe timeframe, long ts, double open, double high, double low, double close,
             double volume, String source, int missingMinutes, double spread);

    default void addAll(BarSeries bars, String source) {
        for (int i = 0; i < bars.size(); i++) {
            add(bars.symbol(), bars.timeframe(), bars.ts(i), bars.open(i), bars.high(i), bars.low(i),
                    bars.close(i), bars.volume(i), source);
        }
    }

    /** Bars stored before this transaction whose values the writer changed. */
    long replaced();

    /** Rows not written because they would have changed a stored bar (skip policy). */
    long skipped();

    /** Rows added so far in this transaction. */
    long added();

    void commit();

    @Override
    void close();
}
