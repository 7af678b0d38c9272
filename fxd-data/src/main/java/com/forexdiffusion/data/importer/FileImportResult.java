package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.Timeframe;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What the import did with one file. {@code rowsRead} = stored + duplicates dropped + conflicts replaced
 * + conflicts skipped + rejected.
 *
 * @param zone              the time zone assumed for the file's times, in words
 * @param conflictsReplaced conflicting duplicates that replaced an earlier row (keep-last policy)
 * @param storedReplaced    bars stored before the import whose values this file changed (replace policy)
 * @param conflictsSkipped  rows not stored because they conflicted with an earlier row or a stored bar (skip
 *                          policy)
 * @param firstTs           open time of the earliest stored bar, or null when none was stored
 * @param lastTs            open time of the latest stored bar, or null when none was stored
 * @param rejectReport      the reject report, or null when no row was rejected
 */
public record FileImportResult(Path path, CandleFormat format, String symbol, Timeframe timeframe, String zone,
                               long rowsRead, long rowsStored, long duplicatesDropped, long conflictsReplaced,
                               long rowsRejected, long storedReplaced, long conflictsSkipped, Instant firstTs, Instant lastTs,
                               Path rejectReport) {
}
