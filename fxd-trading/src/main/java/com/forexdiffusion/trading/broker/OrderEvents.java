package com.forexdiffusion.trading.broker;

import com.forexdiffusion.trading.broker.store.AccountStore;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The lifecycle rows of orders in trading_order_events: submitted → accepted → filled / cancelled / rejected /
 * expired (a rejection can come at once or, for a resting entry, when it comes to fill), and the protective orders
 * of a position: accepted with it, amended by a trailing stop, filled or cancelled (one cancels the other) when it
 * closes.
 */
final class OrderEvents {
    private OrderEvents() {
    }

    static void rejectedAtOnce(AccountStore s, Connection c, String id, long time, double price, String reason)
            throws SQLException {
        s.event(c, id, time, "submitted", price, null);
        s.event(c, id, time, "rejected", price, reason);
    }

    static void filledAtOnce(AccountStore s, Connection c, String id, long time, double price) throws SQLException {
        filledAtOnce(s, c, id, time, price, null);
    }

    static void filledAtOnce(AccountStore s, Connection c, String id, long time, double price, String reason)
            throws SQLException {
        s.event(c, id, time, "submitted", price, null);
        s.event(c, id, time, "accepted", price, null);
        s.event(c, id, time, "filled", price, reason);
    }

    /** A resting entry accepted: it now waits at the broker for its level or its good-till time. */
    static void accepted(AccountStore s, Connection c, PendingOrder o) throws SQLException {
        s.event(c, o.id(), o.placedAt(), "submitted", o.level(), null);
        s.event(c, o.id(), o.placedAt(), "accepted", o.level(), o.type().db() + " entry good till "
                + java.time.Instant.ofEpochMilli(o.expiresAt()));
    }

    /** The stop-loss and take-profit orders held at the broker for a new position (one cancels the other). */
    static void attach(AccountStore s, Connection c, Position p, long time) throws SQLException {
        if (p.stop() != null) {
            protective(s, c, p, "-sl", OrderType.STOP, p.stop(), "stop-loss of " + p.id(), time);
        }
        if (p.target() != null) {
            protective(s, c, p, "-tp", OrderType.LIMIT, p.target(), "take-profit of " + p.id(), time);
        }
    }

    private static void protective(AccountStore s, Connection c, Position p, String suffix, OrderType kind,
                                   double price, String reason, long time) throws SQLException {
        s.order(c, p.id() + suffix, kind, p.symbol(), p.side().opposite(), p.lots(), price, p.id(), "pending", reason,
                time);
        s.event(c, p.id() + suffix, time, "accepted", price, reason);
    }

    /** Closing a position fills the protective order that triggered and cancels the other (OCO). */
    static void detach(AccountStore s, Connection c, Position p, String reason, double exit, long time)
            throws SQLException {
        boolean stop = reason.equals("stop");
        boolean target = reason.equals("target");
        change(s, c, p.id() + "-sl", stop ? "filled" : "cancelled", stop ? exit : null,
                stop ? "stop triggered" : "oco: position closed (" + reason + ")", time);
        change(s, c, p.id() + "-tp", target ? "filled" : "cancelled", target ? exit : null,
                target ? "target reached" : "oco: position closed (" + reason + ")", time);
    }

    /** A trailing stop: the stop-loss order is amended, or placed when the position had none. */
    static void moveStop(AccountStore s, Connection c, Position p, double stop, long time) throws SQLException {
        if (p.stop() == null) {
            protective(s, c, p, "-sl", OrderType.STOP, stop, "trailing stop of " + p.id(), time);
        } else {
            change(s, c, p.id() + "-sl", "pending", stop, "trailing-stop amendment from " + p.stop(), time);
        }
    }

    /** A protective order's new state (filled, cancelled) or price (amended), in its row and as an event. */
    private static void change(AccountStore s, Connection c, String id, String status, Double price, String reason,
                               long time) throws SQLException {
        if (s.update(c, id, status, price, null, reason, time)) {
            s.event(c, id, time, status.equals("pending") ? "amended" : status, price, reason);
        }
    }
}
