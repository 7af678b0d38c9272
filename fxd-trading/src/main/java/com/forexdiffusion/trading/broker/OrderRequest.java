package com.forexdiffusion.trading.broker;

/**
 * An entry order with optional protective orders (stop-loss, take-profit; one cancels the other).
 * A market order fills at once from the bid {@code price} of the decision time: buys at the ask (bid + spread) plus
 * slippage, sells at the bid minus slippage. A stop or limit entry rests at the broker at {@code level} (the price
 * it executes at: the ask for buys, the bid for sells) until a bar reaches it or {@code expiresAt} passes;
 * {@code price} is then the bid when it was placed, against which the level is checked.
 *
 * @param expiresAt good-till time (epoch ms) of a stop or limit entry; {@link Long#MAX_VALUE} for market orders
 */
public record OrderRequest(String symbol, Side side, double lots, double price, Double stop, Double target, long time,
                           OrderType type, double level, long expiresAt) {
    public OrderRequest {
        if (type == null) {
            throw new IllegalArgumentException("an order needs a type (market, stop or limit)");
        }
    }

    /** A market order. */
    public OrderRequest(String symbol, Side side, double lots, double price, Double stop, Double target, long time) {
        this(symbol, side, lots, price, stop, target, time, OrderType.MARKET, Double.NaN, Long.MAX_VALUE);
    }

    /** The same order as a stop or limit entry at {@code entryLevel}, good till {@code goodTill}. */
    public OrderRequest resting(OrderType entryType, double entryLevel, long goodTill) {
        if (entryType == OrderType.MARKET) {
            throw new IllegalArgumentException("a resting order is a stop or a limit");
        }
        return new OrderRequest(symbol, side, lots, price, stop, target, time, entryType, entryLevel, goodTill);
    }
}
