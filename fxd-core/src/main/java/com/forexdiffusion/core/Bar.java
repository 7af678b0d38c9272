package com.forexdiffusion.core;

import java.time.Instant;

/** One OHLCV bar; {@code ts} is the open time in epoch milliseconds UTC. Prices are in the quote currency. */
public record Bar(long ts, double open, double high, double low, double close, double volume) {
    public Instant time() {
        return Instant.ofEpochMilli(ts);
    }

    /** Typical price (H + L + C) / 3. */
    public double typical() {
        return (high + low + close) / 3.0;
    }
}
