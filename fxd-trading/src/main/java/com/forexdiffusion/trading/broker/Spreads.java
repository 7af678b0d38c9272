package com.forexdiffusion.trading.broker;

import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.BarSpreads;
import com.forexdiffusion.data.store.CandleStore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spread to cross at a moment, in quote currency, as the market data state it: the spread of the last bar that
 * had closed by then (so nothing after the moment is read). NaN where the data state none: the broker then uses its
 * per-symbol spread.
 */
@FunctionalInterface
public interface Spreads {
    double at(String symbol, long time);

    /** None from the data: every fill uses the per-symbol spread. */
    static Spreads none() {
        return (symbol, time) -> Double.NaN;
    }

    /**
     * The spreads stored with the bars of {@code timeframe}, read once per symbol when first needed. The broker asks
     * with normalised symbols on every bar and fill, so the lookup does not normalise again (a regex per call).
     */
    static Spreads stored(CandleStore store, Timeframe timeframe) {
        Map<String, BarSpreads> loaded = new ConcurrentHashMap<>(); // trials on several threads share one
        return (symbol, time) -> loaded.computeIfAbsent(symbol,
                s -> store.spreads(s, timeframe, Long.MIN_VALUE, Long.MAX_VALUE)).closedBy(time);
    }
}
