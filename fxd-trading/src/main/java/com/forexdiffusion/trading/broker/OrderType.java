package com.forexdiffusion.trading.broker;

/**
 * How an entry order executes: at once at the market, or resting at the broker at a level until it is reached or
 * its good-till time passes. A stop executes once the price moves through its level (buys at the ask at or above
 * it, sells at the bid at or below it); a limit at its level or better (buys at the ask at or below it, sells at the
 * bid at or above it).
 */
public enum OrderType {
    MARKET, STOP, LIMIT;

    /** The value of {@code trading_orders.kind}. */
    public String db() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static OrderType fromDb(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
