package com.forexdiffusion.trading.sizing;

import com.forexdiffusion.trading.regime.Regime;

import java.util.List;

/**
 * Everything the sizer needs about one trade and the account, in account currency unless stated.
 *
 * @param entry             entry price (quote currency)
 * @param stop              stop price (quote currency)
 * @param uncertaintyPct    u of the signal, percent of price
 * @param contractSize      units of base currency per lot
 * @param quoteToAccount    account currency per unit of quote currency (1 for USD quotes in a USD account)
 * @param openRisk          summed risk at the stops of the open positions
 * @param tradePnls         closed trade results, oldest first (for Kelly)
 * @param recentVolPct      current volatility of the symbol (for volatility adjustment)
 * @param referenceVolPct   its long-run volatility
 */
public record SizingRequest(double entry, double stop, double uncertaintyPct, Regime regime, double equity,
                            double peakEquity, double contractSize, double quoteToAccount, double openRisk,
                            List<Double> tradePnls, double recentVolPct, double referenceVolPct) {
    public SizingRequest {
        tradePnls = List.copyOf(tradePnls);
    }
}
