package com.forexdiffusion.trading.broker;

/**
 * A closed position with its result in the account currency (price P&L + swap − commission).
 *
 * @param spreadCost what the spread and slippage of its entry and exit cost against fills at the bid (account
 *                   currency, positive): already inside {@code pricePnl}, reported so that costs add up
 */
public record ClosedTrade(Position position, double exitPrice, long closedAt, String reason, double pricePnl,
                          double netPnl, double spreadCost) {
}
