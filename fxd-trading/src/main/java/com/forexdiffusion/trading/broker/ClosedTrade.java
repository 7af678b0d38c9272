package com.forexdiffusion.trading.broker;

/** A closed position with its result in the account currency (price P&L + swap − commission). */
public record ClosedTrade(Position position, double exitPrice, long closedAt, String reason, double pricePnl,
                          double netPnl) {
}
