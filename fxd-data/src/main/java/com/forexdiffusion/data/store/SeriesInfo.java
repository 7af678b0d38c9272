package com.forexdiffusion.data.store;

import com.forexdiffusion.core.Timeframe;

/**
 * Summary of one stored series.
 *
 * @param gaps        holes between consecutive bars that cover trading time (weekends do not count)
 * @param missingBars bar slots inside trading time that those holes leave empty
 * @param synthetic   whether any row of the series came from the synthetic generator
 */
public record SeriesInfo(String symbol, Timeframe timeframe, long rows, long firstTs, long lastTs, long gaps,
                         long missingBars, boolean synthetic) {
}
