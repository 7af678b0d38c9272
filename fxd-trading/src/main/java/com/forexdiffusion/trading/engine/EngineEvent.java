package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.Timeframe;

/** What the engine reacts to; everything arrives in time order. */
public sealed interface EngineEvent {
    long time();

    /** A bar of the decision timeframe has closed; {@code index} is its position in the symbol's series. */
    record BarClosed(String symbol, Timeframe timeframe, Bar bar, int index) implements EngineEvent {
        @Override
        public long time() {
            return timeframe.next(bar.ts());
        }
    }
}
