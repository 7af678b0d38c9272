package com.forexdiffusion.data.store;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;

import java.util.List;

/**
 * Candles keyed by (symbol, timeframe, open time), upserted so that re-imports are idempotent. Symbols are
 * stored in canonical form ("EURUSD"). Implementations: SQLite (embedded default) and PostgreSQL; both pass
 * the same contract test.
 */
public interface CandleStore {
    /**
     * Opens a writer: everything it adds is one transaction, visible only after {@link CandleWriter#commit()};
     * closing it without a commit rolls everything back.
     */
    CandleWriter writer();

    /**
     * A writer that compares every row with the bar stored before the transaction at its time: equal values pass,
     * a changed bar is replaced ({@code KEEP_LAST}, counted in {@link CandleWriter#replaced()}), kept
     * ({@code SKIP}, counted in {@link CandleWriter#skipped()}) or refused with a {@link StoredConflictException}
     * ({@code ERROR}). {@link #writer()} replaces.
     */
    CandleWriter writer(com.forexdiffusion.data.validation.ConflictPolicy onStored);

    /** Bars with open time in [fromMs, toMs), in time order. */
    BarSeries read(String symbol, Timeframe timeframe, long fromMs, long toMs);

    default BarSeries readAll(String symbol, Timeframe timeframe) {
        return read(symbol, timeframe, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Row count of one series (0 when absent). */
    long count(String symbol, Timeframe timeframe);

    /**
     * The spreads that the bars' sources stated (quote currency) for bars opening in [fromMs, toMs), in time order;
     * bars stored without one are left out.
     */
    BarSpreads spreads(String symbol, Timeframe timeframe, long fromMs, long toMs);

    /** One entry per stored (symbol, timeframe), ordered by symbol then timeframe length. */
    List<SeriesInfo> info();

    /** The summary of one series, empty when nothing is stored for it. */
    java.util.Optional<SeriesInfo> info(String symbol, Timeframe timeframe);

    /** Deletes one series in one transaction; returns the rows removed. */
    long delete(String symbol, Timeframe timeframe);
}
