package com.forexdiffusion.trading.broker;

/**
 * What the broker did on its own to an order or a position, as a real broker reports it: a resting entry filled
 * (the position it opened), expired or rejected at its fill, or a position closed by its stop-loss or take-profit.
 */
public record Execution(String symbol, String orderId, Kind kind, Position opened, ClosedTrade closed, String reason) {
    public enum Kind {
        FILLED, EXPIRED, REJECTED, CLOSED
    }

    static Execution filled(String orderId, Position p) {
        return new Execution(p.symbol(), orderId, Kind.FILLED, p, null, null);
    }

    static Execution ended(PendingOrder o, Kind kind, String reason) {
        return new Execution(o.symbol(), o.id(), kind, null, null, reason);
    }

    static Execution closed(ClosedTrade t) {
        return new Execution(t.position().symbol(), t.position().id() + "-" + (t.reason().equals("stop") ? "sl" : "tp"),
                Kind.CLOSED, null, t, t.reason());
    }
}
