package com.forexdiffusion.data.feed;

/**
 * Tells a live session that closed bars have reached the store (a live feed stores them as they arrive), so the
 * session's loop sleeps until there is something to trade instead of polling.
 */
public interface BarArrivals {
    /** Waits until more than {@code seen} bars have arrived or the timeout passes; returns the count so far. */
    long awaitMore(long seen, long timeoutMs) throws InterruptedException;

    /** Connections lost and made again so far (0 for a source without connections). */
    default long reconnects() {
        return 0;
    }
}
