package com.forexdiffusion.trading.sizing;

/** How the base risk of a trade is chosen before multipliers and limits. */
public enum SizingMethod {
    /** Risk a fixed share of equity against the stop distance. */
    FIXED_FRACTIONAL,
    /** Fractional Kelly from the trade history; fixed fractional until enough trades exist. */
    KELLY,
    /** Fixed fractional scaled by reference volatility over current volatility. */
    VOLATILITY_ADJUSTED
}
