package com.forexdiffusion.trading.broker;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated broker with real costs (SPEC §7): fills at bid/ask with a spread and slippage, commission per lot,
 * swap at the 17:00 New York rollover (triple on Wednesday), stops and targets inside a bar resolved
 * conservatively (the stop first when a bar touches both, unless lower-timeframe bars show the target came first;
 * a gap fills at the open), margin checked against
 * equity at the configured leverage. Every change is written to the database in one transaction before it is
 * visible, so a new broker opened on the same database after a crash continues exactly where this one stopped.
 * Not thread-safe: the engine calls it from its event loop.
 */
public final class PaperBroker implements Broker {
    private final Database db;
    private final String accountId;
    private final BrokerConfig cfg;
    private final Map<String, Position> open = new LinkedHashMap<>();
    private final Map<String, Double> lastBid = new HashMap<>();
    private double balance;
    private long lastRollover;
    /** The first rollover after lastRollover: bars before it need no calendar arithmetic. */
    private long nextRollover = Long.MIN_VALUE;
    private final Map<String, Instrument> instrumentCache = new HashMap<>();
    private long sequence;
    private IntrabarBars intrabar;
    /** The transaction of the bar being processed, or null: each change then commits on its own. */
    private BarTransaction tx;
    private ConversionRates rates = ConversionRates.none();
    /** The latest time seen (orders, bar closes): the time of the rates a conversion uses. */
    private long now = Long.MIN_VALUE;

    private PaperBroker(Database db, String accountId, BrokerConfig cfg) {
        this.db = db;
        this.accountId = accountId;
        this.cfg = cfg;
    }

    /** Opens the account, creating it with {@code deposit} at {@code time} if it does not exist yet. */
    public static PaperBroker open(Database db, String accountId, BrokerConfig cfg, double deposit, long time) {
        PaperBroker b = new PaperBroker(db, accountId, cfg);
        b.now = time;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT balance, last_swap FROM trading_accounts WHERE account_id = ?")) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        b.balance = rs.getDouble(1);
                        b.lastRollover = rs.getLong(2);
                    } else {
                        b.balance = deposit;
                        b.lastRollover = time;
                        try (PreparedStatement ins = c.prepareStatement("INSERT INTO trading_accounts (account_id, "
                                + "currency, balance, leverage, last_swap, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                            ins.setString(1, accountId);
                            ins.setString(2, cfg.accountCurrency());
                            ins.setDouble(3, deposit);
                            ins.setDouble(4, cfg.leverage());
                            ins.setLong(5, time);
                            ins.setLong(6, time);
                            ins.setLong(7, time);
                            ins.executeUpdate();
                        }
                        b.ledger(c, time, "deposit", deposit, null);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT position_id, symbol, side, lots, entry_price, "
                    + "stop_price, target_price, opened_at, swap, commission FROM trading_positions WHERE account_id = ? "
                    + "AND status = 'open' ORDER BY opened_at, position_id")) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Position p = new Position(rs.getString(1), rs.getString(2), Side.fromDb(rs.getString(3)),
                                rs.getDouble(4), rs.getDouble(5), (Double) rs.getObject(6, Double.class),
                                (Double) rs.getObject(7, Double.class), rs.getLong(8), rs.getDouble(9), rs.getDouble(10));
                        b.open.put(p.id(), p);
                        b.lastBid.put(p.symbol(), p.entry());
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM trading_orders WHERE account_id = ? AND kind = 'market'")) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    b.sequence = rs.getLong(1);
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw db.failure("cannot open paper account " + accountId + " in", e);
        }
        return b;
    }

    /**
     * Lets lower-timeframe bars decide the order of a stop and a target touched by the same bar; without them (or
     * where they are missing) the stop is taken to come first.
     */
    public PaperBroker withIntrabar(IntrabarBars bars) {
        this.intrabar = bars;
        return this;
    }

    /**
     * Sends this broker's writes into {@code transaction} (committed by its owner with the rest of the bar) until
     * called with null, after which each change commits on its own connection again.
     */
    public PaperBroker inTransaction(BarTransaction transaction) {
        this.tx = transaction;
        return this;
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void write(String what, Work work) {
        if (tx != null) {
            try {
                work.run(tx.connection());
            } catch (SQLException e) {
                throw db.failure(what, e);
            }
            return;
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            work.run(c);
            c.commit();
        } catch (SQLException e) {
            throw db.failure(what, e);
        }
    }

    private Instrument instrument(String symbol) {
        return instrumentCache.computeIfAbsent(symbol, s -> cfg.instruments().resolve(s));
    }

    private double pip(String symbol) {
        return instrument(symbol).pipSize();
    }

    /**
     * Account currency per unit of quote currency at this price: 1 for pairs quoted in the account currency, 1/price
     * for pairs based on it, else the stored rate of the conversion pair at the latest time this broker has seen
     * (GBPUSD for EURGBP, USDJPY for EURJPY).
     */
    @Override
    public double quoteToAccount(String symbol, double price) {
        Instrument i = instrument(symbol);
        if (i.quoteCurrency().equals(cfg.accountCurrency())) {
            return 1;
        }
        if (i.baseCurrency().equals(cfg.accountCurrency())) {
            return 1 / price;
        }
        java.util.OptionalDouble r = rates.rate(i.quoteCurrency(), cfg.accountCurrency(), now);
        if (r.isEmpty()) {
            throw new FxdException(symbol + ": no conversion from " + i.quoteCurrency() + " to the account currency "
                    + cfg.accountCurrency() + " at " + java.time.Instant.ofEpochMilli(now) + " (store bars of "
                    + i.quoteCurrency() + cfg.accountCurrency() + " or " + cfg.accountCurrency() + i.quoteCurrency()
                    + " for crosses)");
        }
        return r.getAsDouble();
    }

    /** Rates that convert the P&L of crosses into the account currency (none by default). */
    public PaperBroker withRates(ConversionRates r) {
        this.rates = r;
        return this;
    }

    private double margin(String symbol, double lots, double price) {
        Instrument i = instrument(symbol);
        return lots * i.contractSize() * price * quoteToAccount(symbol, price) / cfg.leverage();
    }

    @Override
    public OrderResult submit(OrderRequest r) {
        String sym = Instrument.normalise(r.symbol());
        SymbolCosts k = cfg.costs(sym);
        double pip = pip(sym);
        now = Math.max(now, r.time());
        String orderId = accountId + "-o" + (++sequence);
        String rejection = null;
        double fill = r.side() == Side.BUY ? r.price() + (k.spreadPips() + k.slippagePips()) * pip
                : r.price() - k.slippagePips() * pip;
        if (!(r.lots() > 0) || !(r.price() > 0)) {
            rejection = "lots and price must be positive";
        } else if (r.stop() != null && (r.stop() - fill) * r.side().sign() >= 0) {
            rejection = "stop " + r.stop() + " is not on the losing side of the fill " + fill;
        } else if (r.target() != null && (r.target() - fill) * r.side().sign() <= 0) {
            rejection = "target " + r.target() + " is not on the winning side of the fill " + fill;
        } else {
            double used = open.values().stream().mapToDouble(p -> margin(p.symbol(), p.lots(), p.entry())).sum();
            double need = margin(sym, r.lots(), fill);
            if (used + need > equity()) {
                rejection = String.format(java.util.Locale.ROOT, "insufficient margin: %.2f needed, %.2f free",
                        need, equity() - used);
            }
        }
        lastBid.put(sym, r.price());
        if (rejection != null) {
            String why = rejection;
            write("cannot record order " + orderId + " in", c ->
                    order(c, orderId, sym, r.side(), r.lots(), r.price(), null, "rejected", why, r.time()));
            return new OrderResult(orderId, null, Double.NaN, rejection);
        }
        double commission = cfg.commissionPerLot() * r.lots();
        Position p = new Position(accountId + "-p" + sequence, sym, r.side(), r.lots(), fill, r.stop(), r.target(),
                r.time(), 0, commission);
        double newBalance = balance - commission;
        write("cannot record order " + orderId + " in", c -> {
            order(c, orderId, sym, r.side(), r.lots(), r.price(), p.id(), "filled", null, r.time());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO trading_positions (position_id, account_id, "
                    + "symbol, side, lots, entry_price, stop_price, target_price, opened_at, commission, status) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')")) {
                ps.setString(1, p.id());
                ps.setString(2, accountId);
                ps.setString(3, sym);
                ps.setString(4, r.side().db());
                ps.setDouble(5, r.lots());
                ps.setDouble(6, p.entry());
                ps.setObject(7, r.stop());
                ps.setObject(8, r.target());
                ps.setLong(9, r.time());
                ps.setDouble(10, commission);
                ps.executeUpdate();
            }
            fill(c, orderId, p.id(), sym, r.side(), r.lots(), p.entry(), commission, r.time());
            attach(c, p, r.time());
            ledger(c, r.time(), "commission", -commission, p.id(), newBalance);
            account(c, newBalance, lastRollover, r.time());
        });
        balance = newBalance;
        open.put(p.id(), p);
        return new OrderResult(orderId, p, fill, null);
    }

    @Override
    public ClosedTrade close(String positionId, double bidPrice, long time, String reason) {
        Position p = open.get(positionId);
        if (p == null) {
            throw new FxdException("no open position " + positionId);
        }
        now = Math.max(now, time);
        SymbolCosts k = cfg.costs(p.symbol());
        double pip = pip(p.symbol());
        double exit = p.side() == Side.BUY ? bidPrice - k.slippagePips() * pip
                : bidPrice + (k.spreadPips() + k.slippagePips()) * pip;
        lastBid.put(p.symbol(), bidPrice);
        return settle(p, exit, time, reason, Math.abs(exit - bidPrice));
    }

    @Override
    public List<ClosedTrade> onBar(String symbol, Timeframe timeframe, Bar bar) {
        String sym = Instrument.normalise(symbol);
        SymbolCosts k = cfg.costs(sym);
        double pip = pip(sym);
        double spread = k.spreadPips() * pip;
        double slip = k.slippagePips() * pip;
        List<ClosedTrade> closed = new ArrayList<>();
        now = Math.max(now, timeframe.next(bar.ts()));
        for (Position p : new ArrayList<>(open.values())) {
            if (!p.symbol().equals(sym) || p.openedAt() >= timeframe.next(bar.ts())) {
                continue;
            }
            Exit exit = exit(p, bar, spread);
            if (exit == Exit.BOTH) {
                exit = intrabarExit(p, timeframe, bar, spread);
            }
            // The broker learns of the fill when the bar closes; that is the time the trade is recorded with.
            long at = timeframe.next(bar.ts());
            switch (exit.reason()) {
                // Triggers of shorts are at the ask: their spread is a cost against the bid as well.
                case "stop" -> closed.add(settle(p, exit.trigger() - p.side().sign() * slip, at, "stop",
                        slip + (p.side() == Side.SELL ? spread : 0)));
                case "target" -> closed.add(settle(p, exit.trigger(), at, "target", p.side() == Side.SELL ? spread : 0));
                default -> {
                }
            }
        }
        lastBid.put(sym, bar.close());
        chargeSwap(timeframe.next(bar.ts()));
        return closed;
    }

    /**
     * What one bar does to a position: nothing, its stop, its target, or both touched (order unknown). A gap
     * through the stop fills at the open (stops slip, added by the caller); a gap through the target fills at the
     * open too, never better than it.
     */
    private record Exit(String reason, double trigger) {
        static final Exit NONE = new Exit("none", Double.NaN);
        static final Exit BOTH = new Exit("both", Double.NaN);
    }

    private static Exit exit(Position p, Bar bar, double spread) {
        boolean isLong = p.side() == Side.BUY;
        // Longs close at the bid, shorts at the ask (bid + spread).
        double hi = bar.high() + (isLong ? 0 : spread);
        double lo = bar.low() + (isLong ? 0 : spread);
        double op = bar.open() + (isLong ? 0 : spread);
        boolean stopHit = p.stop() != null && (isLong ? lo <= p.stop() : hi >= p.stop());
        boolean targetHit = p.target() != null && (isLong ? hi >= p.target() : lo <= p.target());
        boolean stopAtOpen = p.stop() != null && (isLong ? op <= p.stop() : op >= p.stop());
        if (stopHit && (!targetHit || stopAtOpen)) {
            return new Exit("stop", isLong ? Math.min(p.stop(), op) : Math.max(p.stop(), op));
        }
        if (targetHit && !stopHit) {
            return new Exit("target", isLong ? Math.max(p.target(), op) : Math.min(p.target(), op));
        }
        return stopHit ? Exit.BOTH : Exit.NONE;
    }

    /**
     * Both touched in one bar: the first lower-timeframe bar inside it that touches either decides; one that
     * touches both again counts as the stop, and so do missing lower-timeframe bars.
     */
    private Exit intrabarExit(Position p, Timeframe timeframe, Bar bar, double spread) {
        boolean isLong = p.side() == Side.BUY;
        Exit conservative = new Exit("stop", isLong ? Math.min(p.stop(), bar.open()) : Math.max(p.stop(),
                bar.open() + spread));
        BarSeries inner = intrabar == null ? null : intrabar.within(p.symbol(), bar.ts(), timeframe.next(bar.ts()));
        if (inner == null) {
            return conservative;
        }
        for (int i = 0; i < inner.size(); i++) {
            Exit e = exit(p, inner.bar(i), spread);
            if (e == Exit.BOTH) {
                return conservative;
            }
            if (e != Exit.NONE) {
                return e;
            }
        }
        // The lower bars never reach either level (they disagree with the bar): trust the bar, conservatively.
        return conservative;
    }

    /** Charges every rollover in (lastRollover, until] to the positions open before it. */
    private void chargeSwap(long until) {
        if (until < nextRollover) {
            return;
        }
        LocalDate d = FxMarketHours.tradingDate(lastRollover).minusDays(1);
        while (true) {
            long r = FxMarketHours.rolloverAt(d);
            if (r > until) {
                break;
            }
            int nights = SwapSchedule.nights(d);
            if (r > lastRollover && nights > 0) {
                applyRollover(r, nights);
            }
            d = d.plusDays(1);
        }
        nextRollover = FxMarketHours.rolloverAt(d);
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
        write("cannot charge swap in", c -> {
            for (Position p : open.values()) {
                if (p.openedAt() >= r) {
                    continue;
                }
                SymbolCosts k = cfg.costs(p.symbol());
                double pips = p.side() == Side.BUY ? k.swapLongPips() : k.swapShortPips();
                Instrument i = instrument(p.symbol());
                double px = lastBid.getOrDefault(p.symbol(), p.entry());
                double amount = nights * pips * i.pipSize() * p.lots() * i.contractSize() * quoteToAccount(p.symbol(), px);
                newBalance[0] += amount;
                Position q = p.withCosts(p.swap() + amount, p.commission());
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE trading_positions SET swap = ? WHERE position_id = ?")) {
                    ps.setDouble(1, q.swap());
                    ps.setString(2, q.id());
                    ps.executeUpdate();
                }
                ledger(c, r, "swap", amount, p.id(), newBalance[0]);
                updated.put(q.id(), q);
            }
            account(c, newBalance[0], r, r);
        });
        balance = newBalance[0];
        lastRollover = r;
        open.putAll(updated);
    }

    /** @param exitFriction how far the exit is from the bid against the position (spread and slippage), in price */
    private ClosedTrade settle(Position p, double exit, long time, String reason, double exitFriction) {
        Instrument i = instrument(p.symbol());
        double perPrice = p.lots() * i.contractSize() * quoteToAccount(p.symbol(), exit);
        double pricePnl = (exit - p.entry()) * p.side().sign() * perPrice;
        SymbolCosts k = cfg.costs(p.symbol());
        double entryFriction = (p.side() == Side.BUY ? k.spreadPips() + k.slippagePips() : k.slippagePips()) * i.pipSize();
        double spreadCost = (entryFriction + exitFriction) * perPrice;
        double commission = cfg.commissionPerLot() * p.lots();
        double newBalance = balance + pricePnl - commission;
        write("cannot record the close of " + p.id() + " in", c -> {
            String orderId = accountId + "-o" + (sequence + 1);
            order(c, orderId, p.symbol(), p.side().opposite(), p.lots(), exit, p.id(), "filled", reason, time);
            fill(c, orderId, p.id(), p.symbol(), p.side().opposite(), p.lots(), exit, commission, time);
            detach(c, p, reason, exit, time);
            try (PreparedStatement ps = c.prepareStatement("UPDATE trading_positions SET status = 'closed', "
                    + "closed_at = ?, close_price = ?, close_reason = ?, realized_pnl = ?, commission = ? "
                    + "WHERE position_id = ?")) {
                ps.setLong(1, time);
                ps.setDouble(2, exit);
                ps.setString(3, reason);
                ps.setDouble(4, pricePnl + p.swap() - p.commission() - commission);
                ps.setDouble(5, p.commission() + commission);
                ps.setString(6, p.id());
                ps.executeUpdate();
            }
            ledger(c, time, "pnl", pricePnl, p.id(), balance + pricePnl);
            ledger(c, time, "commission", -commission, p.id(), newBalance);
            account(c, newBalance, lastRollover, time);
        });
        sequence++;
        balance = newBalance;
        open.remove(p.id());
        return new ClosedTrade(p.withCosts(p.swap(), p.commission() + commission), exit, time, reason, pricePnl,
                pricePnl + p.swap() - p.commission() - commission, spreadCost);
    }

    private void order(Connection c, String id, String sym, Side side, double lots, double price, String positionId,
                       String status, String reason, long time) throws SQLException {
        order(c, id, "market", sym, side, lots, price, positionId, status, reason, time);
        event(c, id, time, "submitted", price, null);
        event(c, id, time, status.equals("rejected") ? "rejected" : "accepted", price, status.equals("rejected")
                ? reason : null);
        if (!status.equals("rejected")) {
            event(c, id, time, status, price, reason);
        }
    }

    private void order(Connection c, String id, String kind, String sym, Side side, double lots, double price,
                       String positionId, String status, String reason, long time) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trading_orders (order_id, account_id, symbol, side, "
                + "kind, lots, price, position_id, status, reason, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, accountId);
            ps.setString(3, sym);
            ps.setString(4, side.db());
            ps.setString(5, kind);
            ps.setDouble(6, lots);
            ps.setDouble(7, price);
            ps.setString(8, positionId);
            ps.setString(9, status);
            ps.setString(10, reason);
            ps.setLong(11, time);
            ps.setLong(12, time);
            ps.executeUpdate();
        }
    }

    /** A protective order's new state (filled, cancelled) or price (amended), in its row and as an event. */
    private void protective(Connection c, String id, String status, Double price, String reason, long time)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE trading_orders SET status = ?, price = COALESCE(?, price), "
                + "reason = ?, updated_at = ? WHERE order_id = ?")) {
            ps.setString(1, status);
            ps.setObject(2, price);
            ps.setString(3, reason);
            ps.setLong(4, time);
            ps.setString(5, id);
            if (ps.executeUpdate() == 0) {
                return;
            }
        }
        event(c, id, time, status.equals("pending") ? "amended" : status, price, reason);
    }

    /** The stop-loss and take-profit orders held at the broker for a new position (one cancels the other). */
    private void attach(Connection c, Position p, long time) throws SQLException {
        if (p.stop() != null) {
            order(c, p.id() + "-sl", "stop", p.symbol(), p.side().opposite(), p.lots(), p.stop(), p.id(), "pending",
                    "stop-loss of " + p.id(), time);
            event(c, p.id() + "-sl", time, "accepted", p.stop(), "stop-loss of " + p.id());
        }
        if (p.target() != null) {
            order(c, p.id() + "-tp", "limit", p.symbol(), p.side().opposite(), p.lots(), p.target(), p.id(), "pending",
                    "take-profit of " + p.id(), time);
            event(c, p.id() + "-tp", time, "accepted", p.target(), "take-profit of " + p.id());
        }
    }

    /** Closing a position fills the protective order that triggered and cancels the other (OCO). */
    private void detach(Connection c, Position p, String reason, double exit, long time) throws SQLException {
        protective(c, p.id() + "-sl", reason.equals("stop") ? "filled" : "cancelled", reason.equals("stop") ? exit : null,
                reason.equals("stop") ? "stop triggered" : "oco: position closed (" + reason + ")", time);
        protective(c, p.id() + "-tp", reason.equals("target") ? "filled" : "cancelled",
                reason.equals("target") ? exit : null, reason.equals("target") ? "target reached"
                        : "oco: position closed (" + reason + ")", time);
    }

    private void event(Connection c, String orderId, long time, String status, Double price, String reason)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trading_order_events (order_id, account_id, ts, "
                + "status, price, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, orderId);
            ps.setString(2, accountId);
            ps.setLong(3, time);
            ps.setString(4, status);
            ps.setObject(5, price);
            ps.setString(6, reason);
            ps.executeUpdate();
        }
    }

    private void fill(Connection c, String orderId, String positionId, String sym, Side side, double lots, double price,
                      double commission, long time) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trading_fills (fill_id, order_id, position_id, "
                + "account_id, symbol, side, lots, price, commission, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, orderId + "-f");
            ps.setString(2, orderId);
            ps.setString(3, positionId);
            ps.setString(4, accountId);
            ps.setString(5, sym);
            ps.setString(6, side.db());
            ps.setDouble(7, lots);
            ps.setDouble(8, price);
            ps.setDouble(9, commission);
            ps.setLong(10, time);
            ps.executeUpdate();
        }
    }

    private void ledger(Connection c, long time, String kind, double amount, String ref) throws SQLException {
        ledger(c, time, kind, amount, ref, balance);
    }

    private void ledger(Connection c, long time, String kind, double amount, String ref, double after)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trading_ledger (account_id, ts, kind, amount, "
                + "balance_after, ref) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, accountId);
            ps.setLong(2, time);
            ps.setString(3, kind);
            ps.setDouble(4, amount);
            ps.setDouble(5, after);
            ps.setString(6, ref);
            ps.executeUpdate();
        }
    }

    private void account(Connection c, double newBalance, long rollover, long time) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE trading_accounts SET balance = ?, last_swap = ?, updated_at = ? WHERE account_id = ?")) {
            ps.setDouble(1, newBalance);
            ps.setLong(2, rollover);
            ps.setLong(3, time);
            ps.setString(4, accountId);
            ps.executeUpdate();
        }
    }

    @Override
    public Position modifyStop(String positionId, double stop, long time) {
        Position p = open.get(positionId);
        if (p == null) {
            throw new FxdException("no open position " + positionId);
        }
        double bid = lastBid.getOrDefault(p.symbol(), p.entry());
        if ((bid - stop) * p.side().sign() <= 0) {
            throw new FxdException("stop " + stop + " of " + positionId + " would trigger at once (price " + bid + ")");
        }
        Position q = new Position(p.id(), p.symbol(), p.side(), p.lots(), p.entry(), stop, p.target(), p.openedAt(),
                p.swap(), p.commission());
        write("cannot move the stop of " + positionId + " in", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE trading_positions SET stop_price = ? WHERE position_id = ?")) {
                ps.setDouble(1, stop);
                ps.setString(2, positionId);
                ps.executeUpdate();
            }
            if (p.stop() == null) {
                order(c, p.id() + "-sl", "stop", p.symbol(), p.side().opposite(), p.lots(), stop, p.id(), "pending",
                        "trailing stop of " + p.id(), time);
                event(c, p.id() + "-sl", time, "accepted", stop, "trailing stop of " + p.id());
            } else {
                protective(c, p.id() + "-sl", "pending", stop, "trailing-stop amendment from " + p.stop(), time);
            }
        });
        open.put(positionId, q);
        return q;
    }

    @Override
    public double maxLots(String symbol, double bidPrice) {
        String sym = Instrument.normalise(symbol);
        double used = open.values().stream().mapToDouble(p -> margin(p.symbol(), p.lots(), p.entry())).sum();
        double ask = bidPrice + (cfg.costs(sym).spreadPips() + cfg.costs(sym).slippagePips()) * pip(sym);
        double perLot = margin(sym, 1.0, ask);
        return Math.max(0, (equity() - used) / perLot);
    }

    @Override
    public List<Position> openPositions() {
        return List.copyOf(open.values());
    }

    @Override
    public double balance() {
        return balance;
    }

    @Override
    public double equity() {
        double e = balance;
        for (Position p : open.values()) {
            Instrument i = instrument(p.symbol());
            double bid = lastBid.getOrDefault(p.symbol(), p.entry());
            double mark = p.side() == Side.BUY ? bid : bid + cfg.costs(p.symbol()).spreadPips() * i.pipSize();
            e += (mark - p.entry()) * p.side().sign() * p.lots() * i.contractSize() * quoteToAccount(p.symbol(), mark);
        }
        return e;
    }
}
