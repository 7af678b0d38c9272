package com.forexdiffusion.trading.engine;

import com.forexdiffusion.trading.broker.Side;

/**
 * A closed trade as reported: times in epoch ms, prices in the quote currency, money in the account currency.
 *
 * @param regime     the regime label when the trade was opened, or null when no detector ran
 * @param spreadCost spread and slippage of entry and exit against bid fills (inside pricePnl; positive)
 */
public record TradeRecord(String positionId, String symbol, Side side, double lots, long openedAt, double entry,
                          long closedAt, double exit, String reason, double pricePnl, double swap, double commission,
                          double netPnl, String signalId, double uncertaintyPct, double quality, String regime,
                          double spreadCost) {
    /** Everything the trade cost: commission, swap paid (a swap credit lowers it) and its fills' spread and slippage. */
    public double costsPaid() {
        return commission - swap + spreadCost;
    }
}
