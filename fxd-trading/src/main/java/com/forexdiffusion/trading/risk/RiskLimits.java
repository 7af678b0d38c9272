package com.forexdiffusion.trading.risk;

import com.forexdiffusion.core.BadInputException;

/**
 * Account-level limits (SPEC §7).
 *
 * @param dailyLossPct         flatten and stop trading for the day once the day's loss reaches this share of the
 *                             equity at the start of the (New York) trading day
 * @param maxOpenPositions     no new position beyond this many (resting entries count as positions)
 * @param maxHoldingMinutes    close positions older than this (0 = no limit)
 * @param trailingStopPips     trail stops this far behind the best price since entry (0 = off)
 * @param maxTotalExposurePct  SPEC §7 "20% total exposure": the risk at the stops of every open position and
 *                             resting entry of the account, all symbols, in the account currency, at most this share
 *                             of equity (the sizer caps each new order at the same figure for the open positions)
 * @param maxNotionalPct       optionally also the open notional of those positions and entries in the account
 *                             currency, at most this share of equity (0 = off)
 */
public record RiskLimits(double dailyLossPct, int maxOpenPositions, long maxHoldingMinutes, double trailingStopPips,
                         double maxTotalExposurePct, double maxNotionalPct) {
    public RiskLimits {
        if (!(maxTotalExposurePct > 0)) {
            throw BadInputException.ofField("max_total_exposure_pct", "must be positive, got " + maxTotalExposurePct);
        }
        if (!(maxNotionalPct >= 0)) {
            throw BadInputException.ofField("max_notional_pct", "must be 0 (off) or positive, got " + maxNotionalPct);
        }
    }

    /** With the SPEC's 20% total exposure and no notional cap. */
    public RiskLimits(double dailyLossPct, int maxOpenPositions, long maxHoldingMinutes, double trailingStopPips) {
        this(dailyLossPct, maxOpenPositions, maxHoldingMinutes, trailingStopPips, DEFAULT_TOTAL_EXPOSURE_PCT, 0);
    }

    public static final double DEFAULT_TOTAL_EXPOSURE_PCT = 20.0;

    public static RiskLimits defaults() {
        return new RiskLimits(3.0, 5, 0, 0);
    }
}
