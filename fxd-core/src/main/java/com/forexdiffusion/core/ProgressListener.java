package com.forexdiffusion.core;

/**
 * Receives progress of long work. {@code total} may be an estimate that is refined as work proceeds
 * (an importer knows bytes, not rows, in advance), or -1 when unknown. Implementations must be cheap:
 * callers report every few thousand items, not every item.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    void update(long done, long total);
}
