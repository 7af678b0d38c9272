package com.forexdiffusion.trading.broker;

/**
 * Trading costs of one symbol, in pips: the spread added to bid prices to get the ask, the slippage of market
 * and stop fills, and the swap per lot per night for longs and shorts (negative = paid).
 */
public record SymbolCosts(double spreadPips, double slippagePips, double swapLongPips, double swapShortPips) {
    /** Typical retail EURUSD costs. */
    public static SymbolCosts typicalMajor() {
        return new SymbolCosts(0.8, 0.1, -0.6, 0.1);
    }
}
