package com.forexdiffusion.trading.broker;

/**
 * The outcome of an order: the position it opened (market), nothing yet (a stop or limit entry now resting at the
 * broker), or the reason it was rejected.
 */
public record OrderResult(String orderId, Position position, double fillPrice, String rejection) {
    public boolean accepted() {
        return rejection == null;
    }

    /** Accepted and resting at the broker: it fills, expires or is cancelled later. */
    public boolean resting() {
        return rejection == null && position == null;
    }
}
