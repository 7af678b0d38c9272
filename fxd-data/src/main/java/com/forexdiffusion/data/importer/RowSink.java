package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.BadInputException;

/**
 * Receives parsed rows as primitives so that parsing allocates nothing per row. Times are epoch millis UTC,
 * {@code line} is the 1-based line number in the file.
 */
@FunctionalInterface
public interface RowSink {
    void row(long line, long ts, double open, double high, double low, double close, double volume);

    /**
     * A row with the spread its file states ({@link Double#NaN} when the file has no spread column), in the file's
     * own unit: points for MetaTrader 5, quote currency for a CSV; the default drops it.
     */
    default void row(long line, long ts, double open, double high, double low, double close, double volume,
                     double spread) {
        row(line, ts, open, high, low, close, volume);
    }

    /**
     * A line that could not be parsed (wrong field count, unparsable number or date). The default stops the
     * read by throwing; a lenient consumer records the error and returns to continue with the next line.
     */
    default void rejected(BadInputException error, String rawText) {
        throw error;
    }
}
