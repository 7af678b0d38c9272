package com.forexdiffusion.data.feed;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.Timeframe;

/**
 * A bar of one symbol has closed. {@code index} is its position in that symbol's series as the consumer holds it (the
 * stored series in a replay, the growing one live), so an engine can cut the series at the event.
 */
public record BarEvent(String symbol, Timeframe timeframe, Bar bar, int index) {
    /** When the bar closed (bars are labelled by their open time). */
    public long time() {
        return timeframe.next(bar.ts());
    }
}
