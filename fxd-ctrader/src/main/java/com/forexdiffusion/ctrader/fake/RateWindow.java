package com.forexdiffusion.ctrader.fake;

import java.util.ArrayDeque;

/** The server side of the history rate limit: a sliding window of arrivals that counts arrivals over the limit. */
final class RateWindow {
    private final int permits;
    private final long windowNanos;
    private final ArrayDeque<Long> recent = new ArrayDeque<>();
    private int violations;

    RateWindow(int permits, long windowMs) {
        this.permits = permits;
        this.windowNanos = windowMs * 1_000_000L;
    }

    /** Records an arrival; false when it exceeds the limit (it is then not counted as served). */
    synchronized boolean admit(long nanos) {
        while (!recent.isEmpty() && nanos - recent.peekFirst() >= windowNanos) {
            recent.pollFirst();
        }
        if (recent.size() >= permits) {
            violations++;
            return false;
        }
        recent.addLast(nanos);
        return true;
    }

    synchronized int violations() {
        return violations;
    }
}
