package com.forexdiffusion.ctrader.client;

import java.util.ArrayDeque;

/**
 * At most {@code permits} acquisitions in any window of {@code windowMs} (a sliding window, measured on the monotonic
 * clock): the Open API allows 5 history requests per second. A small margin is added to the window, so that a
 * request delayed less than that on the way does not land inside the server's window of the previous ones.
 */
public final class RateLimiter {
    static final long MARGIN_MS = 100;
    private final int permits;
    private final long windowNanos;
    private final ArrayDeque<Long> recent = new ArrayDeque<>();

    public RateLimiter(int permits, long windowMs) {
        if (permits < 1 || windowMs < 1) {
            throw new IllegalArgumentException("rate limit needs permits >= 1 and a window >= 1 ms");
        }
        this.permits = permits;
        this.windowNanos = (windowMs + MARGIN_MS) * 1_000_000L;
    }

    /** Blocks until one more request may go out, then counts it. */
    public synchronized void acquire() throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            while (!recent.isEmpty() && now - recent.peekFirst() >= windowNanos) {
                recent.pollFirst();
            }
            if (recent.size() < permits) {
                recent.addLast(now);
                return;
            }
            long waitNanos = recent.peekFirst() + windowNanos - now;
            Thread.sleep(waitNanos / 1_000_000L, (int) (waitNanos % 1_000_000L));
        }
    }
}
