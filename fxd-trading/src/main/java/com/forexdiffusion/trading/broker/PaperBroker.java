package com.forexdiffusion.trading.broker;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.trading.broker.fill.BarFillModel;
import com.forexdiffusion.trading.broker.fill.Exit;
import com.forexdiffusion.trading.broker.fill.FillModel;
import com.forexdiffusion.trading.broker.fill.SimulatedBroker;
import com.forexdiffusion.trading.broker.store.AccountStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A simulated broker with real costs (SPEC §7): fills at bid/ask with a spread and slippage, commission per lot,
 * swap at the 17:00 New York rollover ({@link SwapSchedule}), market orders and resting stop and limit entries with
 * a good-till time, stops and targets as orders (one cancels the other), margin checked against equity at the
 * configured leverage. Bars reach it through {@link #onBar}; what they fill is decided by its {@link FillModel}.
 * Every change is written ({@link AccountStore}) in one transaction before it is visible, so a new broker opened on
 * the same database after a crash continues exactly where this one stopped.
 * Not thread-safe: the engine calls it from its event loop.
 */
public final class PaperBroker implements SimulatedBroker {
    private final AccountStore store;
    private final String accountId;
    private final BrokerConfig cfg;
    private final Map<String, Position> open = new LinkedHashMap<>();
    private RestingEntries resting;
    private final List<Execution> executions = new ArrayList<>();
    private final Valuation value;
    private FillModel fills = new BarFillModel(null);
    private double balance;
    private long lastRollover;
    /** The first rollover after lastRollover: bars before it need no calendar arithmetic. */
    private long nextRollover = Long.MIN_VALUE;
    private long sequence;

    private PaperBroker(Database db, String accountId, BrokerConfig cfg, long time) {
        this.store = new AccountStore(db, accountId);
        this.accountId = accountId;
        this.cfg = cfg;
        this.value = new Valuation(cfg, time);
    }

    /** Opens the account, creating it with {@code deposit} at {@code time} if it does not exist yet. */
    public static PaperBroker open(Database db, String accountId, BrokerConfig cfg, double deposit, long time) {
        PaperBroker b = new PaperBroker(db, accountId, cfg, time);
        AccountStore.Loaded l = b.store.open(cfg.accountCurrency(), cfg.leverage(), deposit, time);
        b.balance = l.balance();
        b.lastRollover = l.lastRollover();
        b.sequence = l.sequence();
        for (Position p : l.open()) {
            b.open.put(p.id(), p);
            b.value.see(p.symbol(), p.entry());
        }
        b.resting = new RestingEntries(b.store, l.pending());
        return b;
    }

    /**
     * Lets lower-timeframe bars decide the order of a stop and a target touched by the same bar; without them (or
     * where they are missing) the stop is taken to come first.
     */
    public PaperBroker withIntrabar(IntrabarBars bars) {
        this.fills = new BarFillModel(bars);
        return this;
    }

    /**
     * Sends this broker's writes into {@code transaction} (committed by its owner with the rest of the bar) until
     * called with null, after which each change commits on its own connection again.
     */
    public PaperBroker inTransaction(BarTransaction transaction) {
        store.inTransaction(transaction);
        return this;
    }

    /**
     * Spreads from the market data (bars whose source states one); where they state none, or without this, fills
     * cross the per-symbol spread of the config.
     */
    public PaperBroker withSpreads(Spreads s) {
        value.spreads(s);
        return this;
    }

    /** Rates that convert the P&L of crosses into the account currency (none by default). */
    public PaperBroker withRates(ConversionRates r) {
        value.rates(r);
        return this;
    }

    @Override
    public double quoteToAccount(String symbol, double price) {
        return value.quoteToAccount(symbol, price);
    }

    /** Why an entry filling at {@code fill} cannot open a position now, or null when it can. */
    private String entryRejection(String sym, Side side, double lots, double fill, Double stop, Double target) {
        String levels = OrderChecks.protectiveLevels(side, fill, stop, target);
        if (levels != null) {
            return levels;
        }
        double used = value.usedMargin(open.values());
        double need = value.margin(sym, lots, fill);
        if (used + need > equity()) {
            return String.format(Locale.ROOT, "insufficient margin: %.2f needed, %.2f free", need, equity() - used);
        }
        return null;
    }

    @Override
    public OrderResult submit(OrderRequest r) {
        String sym = Instrument.normalise(r.symbol());
        value.advance(r.time());
        String orderId = accountId + "-o" + (++sequence);
        value.see(sym, r.price());
        if (r.type() != OrderType.MARKET) {
            return rest(orderId, sym, r);
        }
        SymbolCosts k = cfg.costs(sym);
        double pip = value.pip(sym);
        double fill = r.side() == Side.BUY ? r.price() + value.spread(sym, r.time()) + k.slippagePips() * pip
                : r.price() - k.slippagePips() * pip;
        String rejection = !(r.lots() > 0) || !(r.price() > 0) ? "lots and price must be positive"
                : entryRejection(sym, r.side(), r.lots(), fill, r.stop(), r.target());
        if (rejection != null) {
            store.write("cannot record order " + orderId + " in", c -> {
                store.order(c, orderId, OrderType.MARKET, sym, r.side(), r.lots(), r.price(), null, "rejected",
                        rejection, r.time());
                OrderEvents.rejectedAtOnce(store, c, orderId, r.time(), r.price(), rejection);
            });
            return new OrderResult(orderId, null, Double.NaN, rejection);
        }
        Position p = openPosition(orderId, accountId + "-p" + sequence, sym, r.side(), r.lots(), fill, r.stop(),
                r.target(), r.time(), r.price(), "market order");
        return new OrderResult(orderId, p, fill, null);
    }

    /** A stop or limit entry: checked against the quote now and accepted to rest, or rejected. */
    private OrderResult rest(String orderId, String sym, OrderRequest r) {
        SymbolCosts k = cfg.costs(sym);
        double pip = value.pip(sym);
        double quote = r.side() == Side.BUY ? r.price() + value.spread(sym, r.time()) : r.price();
        // Margin and protective levels against the fill it expects: its level, a stop's with slippage.
        double expected = r.level() + (r.type() == OrderType.STOP ? r.side().sign() * k.slippagePips() * pip : 0);
        String why = resting.submit(orderId, sym, r, quote, expected,
                (fill, stop, target) -> entryRejection(sym, r.side(), r.lots(), fill, stop, target));
        return new OrderResult(orderId, null, Double.NaN, why);
    }

    /** Opens a position filled at {@code fill} for order {@code orderId} and records it with its protective orders. */
    private Position openPosition(String orderId, String positionId, String sym, Side side, double lots, double fill,
                                  Double stop, Double target, long time, double quotedPrice, String how) {
        double commission = cfg.commissionPerLot() * lots;
        Position p = new Position(positionId, sym, side, lots, fill, stop, target, time, 0, commission);
        double newBalance = balance - commission;
        store.write("cannot record order " + orderId + " in", c -> {
            if (how.equals("market order")) {
                store.order(c, orderId, OrderType.MARKET, sym, side, lots, quotedPrice, p.id(), "filled", null, time);
                OrderEvents.filledAtOnce(store, c, orderId, time, quotedPrice);
            } else {
                store.update(c, orderId, "filled", fill, p.id(), how, time);
                store.event(c, orderId, time, "filled", fill, how);
            }
            store.openPosition(c, p);
            store.fill(c, orderId, p, side, fill, commission, time);
            OrderEvents.attach(store, c, p, time);
            store.ledger(c, time, "commission", -commission, p.id(), newBalance);
            store.account(c, newBalance, lastRollover, time);
        });
        balance = newBalance;
        open.put(p.id(), p);
        return p;
    }

    @Override
    public void cancel(String orderId, long time, String reason) {
        PendingOrder o = resting.get(orderId);
        if (o == null) {
            throw new FxdException("no resting order " + orderId + " to cancel");
        }
        resting.end(o, "cancelled", time, reason);
    }

    @Override
    public ClosedTrade close(String positionId, double bidPrice, long time, String reason) {
        Position p = open.get(positionId);
        if (p == null) {
            throw new FxdException("no open position " + positionId);
        }
        value.advance(time);
        SymbolCosts k = cfg.costs(p.symbol());
        double pip = value.pip(p.symbol());
        double exit = p.side() == Side.BUY ? bidPrice - k.slippagePips() * pip
                : bidPrice + value.spread(p.symbol(), time) + k.slippagePips() * pip;
        value.see(p.symbol(), bidPrice);
        return settle(p, exit, time, reason, Math.abs(exit - bidPrice));
    }

    @Override
    public List<ClosedTrade> onBar(String symbol, Timeframe timeframe, Bar bar) {
        String sym = Instrument.normalise(symbol);
        SymbolCosts k = cfg.costs(sym);
        double pip = value.pip(sym);
        double slip = k.slippagePips() * pip;
        // The broker learns of fills when the bar closes; that is the time they are recorded with.
        long at = timeframe.next(bar.ts());
        double spread = value.spread(sym, at);
        List<ClosedTrade> closed = new ArrayList<>();
        value.advance(at);
        for (Position p : new ArrayList<>(open.values())) {
            if (p.symbol().equals(sym) && p.openedAt() < at) {
                Exit exit = fills.exit(p, timeframe, bar, spread, slip);
                if (!exit.none()) {
                    closed.add(settle(p, exit.price(), at, exit.reason(), exit.friction()));
                }
            }
        }
        // Only bars opening once an entry rests can fill it.
        for (PendingOrder o : resting.restingBefore(sym, bar.ts())) {
            entryBar(o, bar, at, spread, slip).ifPresent(closed::add);
        }
        value.see(sym, bar.close());
        chargeSwap(at);
        closed.forEach(t -> executions.add(Execution.closed(t)));
        return closed;
    }

    /**
     * One bar for a resting entry: it expires when the bar closes after its good-till time, else it fills when the
     * bar reaches its level (and may then be stopped out in the same bar). Returns the trade that bar closed.
     */
    private Optional<ClosedTrade> entryBar(PendingOrder o, Bar bar, long at, double spread, double slip) {
        if (at > o.expiresAt()) {
            String why = "good-till " + java.time.Instant.ofEpochMilli(o.expiresAt()) + " passed unfilled";
            resting.end(o, "expired", o.expiresAt(), why);
            executions.add(Execution.ended(o, Execution.Kind.EXPIRED, why));
            return Optional.empty();
        }
        Optional<FillModel.EntryFill> f = fills.entry(o, bar, spread, slip);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        double fill = f.get().price();
        String rejection = entryRejection(o.symbol(), o.side(), o.lots(), fill, null, o.target());
        if (rejection != null) {
            resting.end(o, "rejected", at, rejection);
            executions.add(Execution.ended(o, Execution.Kind.REJECTED, rejection));
            return Optional.empty();
        }
        resting.filled(o);
        String how = (f.get().gapped() ? "gap through the " : "bar reached the ") + o.type().db() + " entry at "
                + o.level() + (f.get().gapped() ? ": filled at the open" : "");
        Position p = openPosition(o.id(), o.id().replace(accountId + "-o", accountId + "-p"), o.symbol(), o.side(),
                o.lots(), fill, o.stop(), o.target(), at, o.level(), how);
        executions.add(Execution.filled(o.id(), p));
        Exit after = fills.exitAfterEntry(p, bar, f.get().touch(), spread, slip);
        return after.none() ? Optional.empty()
                : Optional.of(settle(p, after.price(), at, after.reason(), after.friction()));
    }

    /** Charges every rollover in (lastRollover, until] to the positions open before it. */
    private void chargeSwap(long until) {
        if (until < nextRollover) {
            return;
        }
        for (SwapSchedule.Rollover r : SwapSchedule.between(lastRollover, until)) {
            applyRollover(r.at(), r.nights());
        }
        nextRollover = SwapSchedule.firstAfter(lastRollover, until);
    }

    private void applyRollover(long r, int nights) {
        if (open.values().stream().noneMatch(p -> p.openedAt() < r)) {
            // Nothing pays swap: no transaction. The stored last_swap catches up with the next write; after a
            // restart the rollovers in between are re-examined and, with no position open across them, charge
            // nothing.
            lastRollover = r;
            return;
        }
        double[] newBalance = {balance};
        Map<String, Position> updated = new LinkedHashMap<>();
        store.write("cannot charge swap in", c -> {
            for (Position p : open.values()) {
                if (p.openedAt() >= r) {
                    continue;
                }
                SymbolCosts k = cfg.costs(p.symbol());
                double pips = p.side() == Side.BUY ? k.swapLongPips() : k.swapShortPips();
                Instrument i = value.instrument(p.symbol());
                double px = value.bid(p.symbol(), p.entry());
                double amount = nights * pips * i.pipSize() * p.lots() * i.contractSize() * value.quoteToAccount(p.symbol(), px);
                newBalance[0] += amount;
                Position q = p.withCosts(p.swap() + amount, p.commission());
                store.swap(c, q.id(), q.swap());
                store.ledger(c, r, "swap", amount, p.id(), newBalance[0]);
                updated.put(q.id(), q);
            }
            store.account(c, newBalance[0], r, r);
        });
        balance = newBalance[0];
        lastRollover = r;
        open.putAll(updated);
    }

    /** @param exitFriction how far the exit is from the bid against the position (spread and slippage), in price */
    private ClosedTrade settle(Position p, double exit, long time, String reason, double exitFriction) {
        Instrument i = value.instrument(p.symbol());
        double perPrice = p.lots() * i.contractSize() * value.quoteToAccount(p.symbol(), exit);
        double pricePnl = (exit - p.entry()) * p.side().sign() * perPrice;
        SymbolCosts k = cfg.costs(p.symbol());
        double entryFriction = (p.side() == Side.BUY ? value.spread(p.symbol(), p.openedAt()) : 0)
                + k.slippagePips() * i.pipSize();
        double spreadCost = (entryFriction + exitFriction) * perPrice;
        double commission = cfg.commissionPerLot() * p.lots();
        double newBalance = balance + pricePnl - commission;
        double net = pricePnl + p.swap() - p.commission() - commission;
        store.write("cannot record the close of " + p.id() + " in", c -> {
            String orderId = accountId + "-o" + (sequence + 1);
            store.order(c, orderId, OrderType.MARKET, p.symbol(), p.side().opposite(), p.lots(), exit, p.id(),
                    "filled", reason, time);
            OrderEvents.filledAtOnce(store, c, orderId, time, exit, reason);
            store.fill(c, orderId, p, p.side().opposite(), exit, commission, time);
            OrderEvents.detach(store, c, p, reason, exit, time);
            store.closePosition(c, p.id(), time, exit, reason, net, p.commission() + commission);
            store.ledger(c, time, "pnl", pricePnl, p.id(), balance + pricePnl);
            store.ledger(c, time, "commission", -commission, p.id(), newBalance);
            store.account(c, newBalance, lastRollover, time);
        });
        sequence++;
        balance = newBalance;
        open.remove(p.id());
        return new ClosedTrade(p.withCosts(p.swap(), p.commission() + commission), exit, time, reason, pricePnl,
                net, spreadCost);
    }

    @Override
    public Position modifyStop(String positionId, double stop, long time) {
        Position p = open.get(positionId);
        if (p == null) {
            throw new FxdException("no open position " + positionId);
        }
        double bid = value.bid(p.symbol(), p.entry());
        if ((bid - stop) * p.side().sign() <= 0) {
            throw new FxdException("stop " + stop + " of " + positionId + " would trigger at once (price " + bid + ")");
        }
        Position q = new Position(p.id(), p.symbol(), p.side(), p.lots(), p.entry(), stop, p.target(), p.openedAt(),
                p.swap(), p.commission());
        store.write("cannot move the stop of " + positionId + " in", c -> {
            store.stop(c, positionId, stop);
            OrderEvents.moveStop(store, c, p, stop, time);
        });
        open.put(positionId, q);
        return q;
    }

    @Override
    public double maxLots(String symbol, double bidPrice) {
        String sym = Instrument.normalise(symbol);
        double ask = bidPrice + value.spreadNow(sym) + cfg.costs(sym).slippagePips() * value.pip(sym);
        double perLot = value.margin(sym, 1.0, ask);
        return Math.max(0, (equity() - value.usedMargin(open.values())) / perLot);
    }

    @Override
    public List<Position> openPositions() {
        return List.copyOf(open.values());
    }

    @Override
    public List<PendingOrder> pendingOrders() {
        return resting.all();
    }

    @Override
    public List<Execution> executions(String symbol) {
        String sym = Instrument.normalise(symbol);
        List<Execution> mine = executions.stream().filter(x -> x.symbol().equals(sym)).toList();
        executions.removeAll(mine);
        return mine;
    }

    @Override
    public double balance() {
        return balance;
    }

    @Override
    public double equity() {
        return value.equity(balance, open.values());
    }
}
