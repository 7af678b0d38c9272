package com.forexdiffusion.data.store;

import com.forexdiffusion.core.Timeframe;

/**
 * Summary of one stored series.
 *
 * @param gaps        holes between consecutive bars that cover trading time (weekends do not count), plus the
 *                    partial bars (each a hole inside its own span)
 * @param missingBars bar slots inside trading time that the holes between bars leave empty
 * @param partialBars resampled bars built from part of their minutes
 * @param synthetic   whether any row of the series came from the synthetic generator
 */
public record SeriesInfo(String symbol, Timeframe timeframe, long rows, long firstTs, long lastTs, long gaps,
                         long missingBars, long partialBars, boolean synthetic) {
}
