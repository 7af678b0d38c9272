package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.trading.broker.OrderType;

/**
 * How the engine enters a signal: at the market (the default, as before resting entries existed), with a limit at
 * the forecast's favourable quantile (a bull signal buys at the {@code limitQuantile} quantile of its horizon's
 * forecast when that is below the close, a bear one sells at the 1 − {@code limitQuantile} quantile when above),
 * or with a stop {@code stopOffsetPips} beyond the close (buy above, sell below). A resting entry is good for
 * {@code expiryMinutes}.
 */
public record EntrySettings(OrderType type, double limitQuantile, double stopOffsetPips, long expiryMinutes) {
    public EntrySettings {
        if (type == null) {
            throw BadInputException.ofField("entry", "must be market, limit or stop");
        }
        // Above q05 (the bull stop) and at most the median, so the limit is between the stop and the mean.
        if (!(limitQuantile > 0.05 && limitQuantile <= 0.5)) {
            throw BadInputException.ofField("entry_limit_quantile", "must be in (0.05, 0.5], got " + limitQuantile);
        }
        if (!(stopOffsetPips > 0)) {
            throw BadInputException.ofField("entry_stop_offset_pips", "must be positive, got " + stopOffsetPips);
        }
        if (expiryMinutes < 1) {
            throw BadInputException.ofField("entry_expiry_minutes", "must be at least 1 minute, got " + expiryMinutes);
        }
    }

    /** Market entries; the other settings are what a limit or stop entry uses when chosen. */
    public static EntrySettings market() {
        return new EntrySettings(OrderType.MARKET, 0.25, 5, 60);
    }

    public EntrySettings withType(OrderType t) {
        return new EntrySettings(t, limitQuantile, stopOffsetPips, expiryMinutes);
    }
}
