package com.forexdiffusion.trading.broker;

/**
 * A market order with optional protective orders. The fill uses the bid {@code price} of the decision time:
 * buys fill at the ask (bid + spread) plus slippage, sells at the bid minus slippage.
 */
public record OrderRequest(String symbol, Side side, double lots, double price, Double stop, Double target, long time) {
}
