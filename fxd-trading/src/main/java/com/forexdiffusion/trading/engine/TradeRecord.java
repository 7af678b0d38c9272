package com.forexdiffusion.trading.engine;

import com.forexdiffusion.trading.broker.Side;

/** A closed trade as reported: times in epoch ms, prices in the quote currency, money in the account currency. */
public record TradeRecord(String positionId, String symbol, Side side, double lots, long openedAt, double entry,
                          long closedAt, double exit, String reason, double pricePnl, double swap, double commission,
                          double netPnl, String signalId, double uncertaintyPct, double quality) {
}
