package com.forexdiffusion.ctrader.client;

import java.time.Duration;
import java.util.Random;

/**
 * Delays between reconnect attempts: exponential (base · 2^attempt, capped) with jitter, so that many clients
 * dropped at once do not return in step. The jitter draws from a seeded generator: the same seed gives the same
 * delays. Not thread-safe; one per connection owner.
 */
public final class Backoff {
    private final long baseMs;
    private final long maxMs;
    private final Random random;
    private int attempt;

    public Backoff(Duration base, Duration max, long seed) {
        this.baseMs = Math.max(1, base.toMillis());
        this.maxMs = Math.max(baseMs, max.toMillis());
        this.random = new Random(seed);
    }

    /** The delay before the next attempt: uniform in [d/2, d] for d = min(max, base · 2^attempt). */
    public long nextDelayMs() {
        long d = attempt >= 30 ? maxMs : Math.min(maxMs, baseMs << attempt);
        attempt++;
        long half = d / 2;
        return half + (long) (random.nextDouble() * (d - half + 1));
    }

    /** Attempts since the last success. */
    public int attempts() {
        return attempt;
    }

    public void reset() {
        attempt = 0;
    }
}
