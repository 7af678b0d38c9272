package com.forexdiffusion.trading.risk;

/**
 * Account-level limits (SPEC §7).
 *
 * @param dailyLossPct      flatten and stop trading for the day once the day's loss reaches this share of the
 *                          equity at the start of the (New York) trading day
 * @param maxOpenPositions  no new position beyond this many
 * @param maxHoldingMinutes close positions older than this (0 = no limit)
 * @param trailingStopPips  trail stops this far behind the best price since entry (0 = off)
 */
public record RiskLimits(double dailyLossPct, int maxOpenPositions, long maxHoldingMinutes, double trailingStopPips) {
    public static RiskLimits defaults() {
        return new RiskLimits(3.0, 5, 0, 0);
    }
}
