package com.forexdiffusion.trading.broker;

/**
 * A stop or limit entry resting at the broker (accepted, not yet filled, cancelled or expired).
 *
 * @param level     the price it executes at: the ask for buys, the bid for sells
 * @param placedAt  when it was accepted (epoch ms): bars opening before it cannot fill it
 * @param expiresAt good-till time (epoch ms): a bar closing after it expires the order instead
 */
public record PendingOrder(String id, String symbol, Side side, OrderType type, double lots, double level, Double stop,
                           Double target, long placedAt, long expiresAt) {
}
