package com.forexdiffusion.trading.broker;

/**
 * An open or closed position. Stop and target are orders held at the broker, not local checks.
 *
 * @param swap       swap accumulated so far (account currency, negative = paid)
 * @param commission commission paid so far (positive)
 */
public record Position(String id, String symbol, Side side, double lots, double entry, Double stop, Double target,
                       long openedAt, double swap, double commission) {
    Position withCosts(double newSwap, double newCommission) {
        return new Position(id, symbol, side, lots, entry, stop, target, openedAt, newSwap, newCommission);
    }
}
