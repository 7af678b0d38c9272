package com.forexdiffusion.trading.broker;

import com.forexdiffusion.trading.broker.store.AccountStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper broker's book of resting stop and limit entries: their acceptance or rejection when submitted, and
 * their end without a fill (cancelled, expired, or rejected when they came to fill), each stored with its events.
 */
final class RestingEntries {
    private final AccountStore store;
    private final Map<String, PendingOrder> book = new LinkedHashMap<>();

    RestingEntries(AccountStore store, List<PendingOrder> loaded) {
        this.store = store;
        loaded.forEach(o -> book.put(o.id(), o));
    }

    /** Why an entry filling at a price with these protective levels could not open a position now (null: it could). */
    @FunctionalInterface
    interface FillCheck {
        String rejection(double fill, Double stop, Double target);
    }

    /**
     * Accepts {@code r} to rest, or rejects it: {@code quote} is the price it executes against now (the ask for buys,
     * the bid for sells), {@code expectedFill} its level with a stop's slippage. Returns the rejection or null.
     */
    String submit(String orderId, String sym, OrderRequest r, double quote, double expectedFill, FillCheck check) {
        PendingOrder o = new PendingOrder(orderId, sym, r.side(), r.type(), r.lots(), r.level(), r.stop(), r.target(),
                r.time(), r.expiresAt());
        String rejection = OrderChecks.resting(r, quote);
        if (rejection == null) {
            rejection = check.rejection(expectedFill, r.stop(), r.target());
        }
        String why = rejection;
        store.write("cannot record order " + orderId + " in", c -> {
            store.resting(c, o, why == null ? "pending" : "rejected", why);
            if (why == null) {
                OrderEvents.accepted(store, c, o);
            } else {
                OrderEvents.rejectedAtOnce(store, c, orderId, r.time(), r.level(), why);
            }
        });
        if (why == null) {
            book.put(orderId, o);
        }
        return why;
    }

    PendingOrder get(String id) {
        return book.get(id);
    }

    /** Filled: no longer resting (the fill itself is recorded with the position it opens). */
    void filled(PendingOrder o) {
        book.remove(o.id());
    }

    /** Its last state without a fill: cancelled, expired, or rejected when it came to fill. */
    void end(PendingOrder o, String status, long time, String reason) {
        store.write("cannot record the " + status + " order " + o.id() + " in", c -> {
            store.update(c, o.id(), status, null, null, reason, time);
            store.event(c, o.id(), time, status, null, reason);
        });
        book.remove(o.id());
    }

    /** The entries of {@code symbol} resting since before a bar opening at {@code barOpen}, in the order placed. */
    List<PendingOrder> restingBefore(String symbol, long barOpen) {
        List<PendingOrder> out = new ArrayList<>();
        for (PendingOrder o : book.values()) {
            if (o.symbol().equals(symbol) && o.placedAt() <= barOpen) {
                out.add(o);
            }
        }
        return out;
    }

    List<PendingOrder> all() {
        return List.copyOf(book.values());
    }
}
