package com.forexdiffusion.data.history;

import com.forexdiffusion.core.BarSeries;

/** Receives the closed bars of a history fetch, batch by batch, in time order. */
@FunctionalInterface
public interface HistorySink {
    /**
     * One batch; its bars are later than those of every earlier batch.
     *
     * @param bars          the bars (possibly none, for a span without trading)
     * @param coveredUpToMs the request is answered up to this open time (inclusive): for progress
     */
    void batch(BarSeries bars, long coveredUpToMs);
}
