package com.forexdiffusion.data.history;

import java.time.Instant;

/**
 * What a history fetch stored.
 *
 * @param source     where the bars came from
 * @param request    what was asked for
 * @param fetched    bars received from the source
 * @param stored     bars written (upserted) to the store
 * @param newRows    rows the series has more than before (0 when a range is fetched again)
 * @param duplicates bars received twice with equal values and dropped
 * @param gaps       holes inside a trading session between consecutive fetched bars
 * @param missingBars bar slots inside those holes
 * @param first      first stored open time, or null when nothing was stored
 * @param last       last stored open time, or null
 * @param seconds    wall time of the fetch
 */
public record HistoryImportResult(String source, HistoryRequest request, long fetched, long stored, long newRows,
                                  long duplicates, long gaps, long missingBars, Instant first, Instant last,
                                  double seconds) {
    /** Bars fetched per second of wall time. */
    public double barsPerSecond() {
        return seconds <= 0 ? 0 : fetched / seconds;
    }
}
