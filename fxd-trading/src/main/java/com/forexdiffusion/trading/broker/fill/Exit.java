package com.forexdiffusion.trading.broker.fill;

/**
 * What one bar does to an open position.
 *
 * @param reason   "stop", "target", or "none"
 * @param price    the exit price, slippage included (longs sell at the bid, shorts buy at the ask)
 * @param friction how far the exit is from the bid against the position (spread and slippage), in price
 */
public record Exit(String reason, double price, double friction) {
    public static final Exit NONE = new Exit("none", Double.NaN, 0);

    public boolean none() {
        return this == NONE || reason.equals("none");
    }
}
