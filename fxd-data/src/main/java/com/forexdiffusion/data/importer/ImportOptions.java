package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.validation.ConflictPolicy;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * How to import candle files.
 *
 * @param format     the file format, or null to detect it per file
 * @param symbol     the instrument, or null to take it from each file name
 * @param timeframe  the bar timeframe, or null to take it from the file name or, failing that, the data
 * @param skipBad    false (strict): the first bad row fails the import and nothing is stored;
 *                   true: bad rows are skipped and listed in a reject report
 * @param onConflict what to do with a duplicate bar whose values differ (null = ERROR)
 * @param sourceZone zone of times that state none (broker server time), or null for the format's default
 *                   (HistData EST, UTC otherwise)
 * @param rejectsDir where reject reports go (null = the current directory)
 */
public record ImportOptions(CandleFormat format, String symbol, Timeframe timeframe, boolean skipBad,
                            ConflictPolicy onConflict, ZoneId sourceZone, Path rejectsDir) {
    public ImportOptions {
        if (onConflict == null) {
            onConflict = ConflictPolicy.ERROR;
        }
        if (rejectsDir == null) {
            rejectsDir = Path.of("");
        }
    }

    /** Detect everything, strict, conflicts are errors, format default zones. */
    public static ImportOptions defaults() {
        return new ImportOptions(null, null, null, false, ConflictPolicy.ERROR, null, null);
    }

    public ImportOptions withFormat(CandleFormat f) {
        return new ImportOptions(f, symbol, timeframe, skipBad, onConflict, sourceZone, rejectsDir);
    }

    public ImportOptions withSymbol(String s) {
        return new ImportOptions(format, s, timeframe, skipBad, onConflict, sourceZone, rejectsDir);
    }

    public ImportOptions withTimeframe(Timeframe tf) {
        return new ImportOptions(format, symbol, tf, skipBad, onConflict, sourceZone, rejectsDir);
    }

    public ImportOptions withSkipBad(boolean skip) {
        return new ImportOptions(format, symbol, timeframe, skip, onConflict, sourceZone, rejectsDir);
    }

    public ImportOptions withOnConflict(ConflictPolicy policy) {
        return new ImportOptions(format, symbol, timeframe, skipBad, policy, sourceZone, rejectsDir);
    }

    public ImportOptions withSourceZone(ZoneId zone) {
        return new ImportOptions(format, symbol, timeframe, skipBad, onConflict, zone, rejectsDir);
    }

    public ImportOptions withRejectsDir(Path dir) {
        return new ImportOptions(format, symbol, timeframe, skipBad, onConflict, sourceZone, dir);
    }

    /** Parses a zone option such as {@code UTC}, {@code +02:00} or {@code EET}. */
    public static ZoneId parseZone(String text) {
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException | NullPointerException e) {
            throw BadInputException.ofField("source-zone", "unknown time zone '" + text
                    + "' (use a region like Europe/Athens, an abbreviation like EET, UTC, or an offset like +02:00)");
        }
    }
}
