package com.forexdiffusion.trading.broker;

/** Why the broker refuses an order, before any margin question; each returns null when there is nothing wrong. */
final class OrderChecks {
    private OrderChecks() {
    }

    /** The stop must be on the losing side of the fill, the target on the winning side. */
    static String protectiveLevels(Side side, double fill, Double stop, Double target) {
        if (stop != null && (stop - fill) * side.sign() >= 0) {
            return "stop " + stop + " is not on the losing side of the fill " + fill;
        }
        if (target != null && (target - fill) * side.sign() <= 0) {
            return "target " + target + " is not on the winning side of the fill " + fill;
        }
        return null;
    }

    /**
     * A resting entry needs a level beyond the quote it executes against ({@code quote}: the ask for buys, the bid
     * for sells): a stop above a buy's ask (below a sell's bid), a limit the other way; else it would fill at once.
     * Its good-till time must be after the order.
     */
    static String resting(OrderRequest r, double quote) {
        if (!(r.lots() > 0) || !(r.price() > 0) || !(r.level() > 0)) {
            return "lots, price and level must be positive";
        }
        if (r.expiresAt() <= r.time()) {
            return "good-till time " + java.time.Instant.ofEpochMilli(r.expiresAt()) + " is not after the order";
        }
        boolean beyond = (r.level() - quote) * r.side().sign() > 0;
        if (r.type() == OrderType.STOP ? !beyond : beyond || r.level() == quote) {
            return r.type().db() + " " + r.side().db() + " at " + price(r.level()) + " would fill at once (the "
                    + (r.side() == Side.BUY ? "ask" : "bid") + " is " + price(quote) + ")";
        }
        return null;
    }

    /** A price for a message: ten significant digits, so that bid + spread reads 1.10008, not 1.1000800000000002. */
    static String price(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(10)).stripTrailingZeros()
                .toPlainString();
    }
}
