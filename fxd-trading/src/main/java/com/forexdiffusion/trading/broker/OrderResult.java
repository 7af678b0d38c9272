package com.forexdiffusion.trading.broker;

/** The outcome of an order: the position it opened, or the reason it was rejected. */
public record OrderResult(String orderId, Position position, double fillPrice, String rejection) {
    public boolean accepted() {
        return rejection == null;
    }
}
