package com.forexdiffusion.trading.broker.store;

import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.trading.broker.BarTransaction;
import com.forexdiffusion.trading.broker.OrderType;
import com.forexdiffusion.trading.broker.PendingOrder;
import com.forexdiffusion.trading.broker.Position;
import com.forexdiffusion.trading.broker.Side;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored state of one paper account (SPEC §7: it survives a restart): the account row, its orders and their
 * events, fills, positions and ledger. Every change goes through {@link #write}: into the bar's transaction when
 * there is one, else in a transaction of its own, so nothing is ever half-written.
 */
public final class AccountStore {
    private final Database db;
    private final String accountId;
    /** The transaction of the bar being processed, or null: each change then commits on its own. */
    private BarTransaction tx;

    public AccountStore(Database db, String accountId) {
        this.db = db;
        this.accountId = accountId;
    }

    /** What a restarted broker continues from. {@code sequence} counts the order ids handed out so far. */
    public record Loaded(double balance, long lastRollover, List<Position> open, List<PendingOrder> pending,
                         long sequence) {
    }

    @FunctionalInterface
    public interface Work {
        void run(Connection c) throws SQLException;
    }

    public void inTransaction(BarTransaction transaction) {
        this.tx = transaction;
    }

    public void write(String what, Work work) {
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

    /** Reads the account, creating it with {@code deposit} at {@code time} when it does not exist yet. */
    public Loaded open(String currency, double leverage, double deposit, long time) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            double balance = deposit;
            long lastRollover = time;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT balance, last_swap FROM trading_accounts WHERE account_id = ?")) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        balance = rs.getDouble(1);
                        lastRollover = rs.getLong(2);
                    } else {
                        create(c, currency, leverage, deposit, time);
                    }
                }
            }
            Loaded l = new Loaded(balance, lastRollover, positions(c), pending(c), sequence(c));
            c.commit();
            return l;
        } catch (SQLException e) {
            throw db.failure("cannot open paper account " + accountId + " in", e);
        }
    }

    private void create(Connection c, String currency, double leverage, double deposit, long time) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO trading_accounts (account_id, currency, balance, "
                + "leverage, last_swap, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ins.setString(1, accountId);
            ins.setString(2, currency);
            ins.setDouble(3, deposit);
            ins.setDouble(4, leverage);
            ins.setLong(5, time);
            ins.setLong(6, time);
            ins.setLong(7, time);
            ins.executeUpdate();
        }
        ledger(c, time, "deposit", deposit, null, deposit);
    }

    private List<Position> positions(Connection c) throws SQLException {
        List<Position> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT position_id, symbol, side, lots, entry_price, "
                + "stop_price, target_price, opened_at, swap, commission FROM trading_positions WHERE account_id = ? "
                + "AND status = 'open' ORDER BY opened_at, position_id")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Position(rs.getString(1), rs.getString(2), Side.fromDb(rs.getString(3)),
                            rs.getDouble(4), rs.getDouble(5), nullable(rs, 6), nullable(rs, 7), rs.getLong(8),
                            rs.getDouble(9), rs.getDouble(10)));
                }
            }
        }
        return out;
    }

    /** Resting entries: stop and limit orders not attached to a position, still pending. */
    private List<PendingOrder> pending(Connection c) throws SQLException {
        List<PendingOrder> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT order_id, symbol, side, kind, lots, price, stop_price, "
                + "target_price, created_at, expires_at FROM trading_orders WHERE account_id = ? AND status = 'pending' "
                + "AND position_id IS NULL ORDER BY created_at, order_id")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PendingOrder(rs.getString(1), rs.getString(2), Side.fromDb(rs.getString(3)),
                            OrderType.fromDb(rs.getString(4)), rs.getDouble(5), rs.getDouble(6), nullable(rs, 7),
                            nullable(rs, 8), rs.getLong(9), rs.getLong(10)));
                }
            }
        }
        return out;
    }

    /** A price column that may be NULL (the SQLite driver cannot read NULL as a Double object). */
    private static Double nullable(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /** The order ids ACCOUNT-oN handed out: market entries and closes, and resting entries. */
    private long sequence(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM trading_orders WHERE account_id = ? AND order_id LIKE ?")) {
            ps.setString(1, accountId);
            ps.setString(2, accountId + "-o%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A new order row (its events are written separately). */
    public void order(Connection c, String id, OrderType kind, String sym, Side side, double lots, double price,
                      String positionId, String status, String reason, long time) throws SQLException {
        insertOrder(c, id, kind, sym, side, lots, price, positionId, status, reason, time, null, null, null);
    }

    /** A resting entry's row: its level as the price, with the protective levels and the good-till time. */
    public void resting(Connection c, PendingOrder o, String status, String reason) throws SQLException {
        insertOrder(c, o.id(), o.type(), o.symbol(), o.side(), o.lots(), o.level(), null, status, reason, o.placedAt(),
                o.stop(), o.target(), o.expiresAt());
    }

    private void insertOrder(Connection c, String id, OrderType kind, String sym, Side side, double lots, double price,
                             String positionId, String status, String reason, long time, Double stop, Double target,
                             Long expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trading_orders (order_id, account_id, symbol, side, "
                + "kind, lots, price, position_id, status, reason, created_at, updated_at, stop_price, target_price, "
                + "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, accountId);
            ps.setString(3, sym);
            ps.setString(4, side.db());
            ps.setString(5, kind.db());
            ps.setDouble(6, lots);
            ps.setDouble(7, price);
            ps.setString(8, positionId);
            ps.setString(9, status);
            ps.setString(10, reason);
            ps.setLong(11, time);
            ps.setLong(12, time);
            ps.setObject(13, stop);
            ps.setObject(14, target);
            ps.setObject(15, expiresAt);
            ps.executeUpdate();
        }
    }

    /**
     * An order's new state: status, and where given its price and the position it opened. Returns false when there is
     * no such order (a position without that protective order).
     */
    public boolean update(Connection c, String id, String status, Double price, String positionId, String reason,
                          long time) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE trading_orders SET status = ?, price = COALESCE(?, price), "
                + "position_id = COALESCE(?, position_id), reason = ?, updated_at = ? WHERE order_id = ?")) {
            ps.setString(1, status);
            ps.setObject(2, price);
            ps.setString(3, positionId);
            ps.setString(4, reason);
            ps.setLong(5, time);
            ps.setString(6, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** One row of an order's history in trading_order_events. */
    public void event(Connection c, String orderId, long time, String status, Double price, String reason)
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

    public void openPosition(Connection c, Position p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trading_positions (position_id, account_id, "
                + "symbol, side, lots, entry_price, stop_price, target_price, opened_at, commission, status) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')")) {
            ps.setString(1, p.id());
            ps.setString(2, accountId);
            ps.setString(3, p.symbol());
            ps.setString(4, p.side().db());
            ps.setDouble(5, p.lots());
            ps.setDouble(6, p.entry());
            ps.setObject(7, p.stop());
            ps.setObject(8, p.target());
            ps.setLong(9, p.openedAt());
            ps.setDouble(10, p.commission());
            ps.executeUpdate();
        }
    }

    public void stop(Connection c, String positionId, double stop) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE trading_positions SET stop_price = ? WHERE position_id = ?")) {
            ps.setDouble(1, stop);
            ps.setString(2, positionId);
            ps.executeUpdate();
        }
    }

    public void swap(Connection c, String positionId, double swap) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE trading_positions SET swap = ? WHERE position_id = ?")) {
            ps.setDouble(1, swap);
            ps.setString(2, positionId);
            ps.executeUpdate();
        }
    }

    /** @param realized net P&L of the position; @param commission both sides' commission */
    public void closePosition(Connection c, String positionId, long time, double exit, String reason, double realized,
                              double commission) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE trading_positions SET status = 'closed', "
                + "closed_at = ?, close_price = ?, close_reason = ?, realized_pnl = ?, commission = ? "
                + "WHERE position_id = ?")) {
            ps.setLong(1, time);
            ps.setDouble(2, exit);
            ps.setString(3, reason);
            ps.setDouble(4, realized);
            ps.setDouble(5, commission);
            ps.setString(6, positionId);
            ps.executeUpdate();
        }
    }

    public void fill(Connection c, String orderId, Position p, Side side, double price, double commission, long time)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trading_fills (fill_id, order_id, position_id, "
                + "account_id, symbol, side, lots, price, commission, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, orderId + "-f");
            ps.setString(2, orderId);
            ps.setString(3, p.id());
            ps.setString(4, accountId);
            ps.setString(5, p.symbol());
            ps.setString(6, side.db());
            ps.setDouble(7, p.lots());
            ps.setDouble(8, price);
            ps.setDouble(9, commission);
            ps.setLong(10, time);
            ps.executeUpdate();
        }
    }

    public void ledger(Connection c, long time, String kind, double amount, String ref, double after)
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

    public void account(Connection c, double balance, long rollover, long time) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE trading_accounts SET balance = ?, last_swap = ?, updated_at = ? WHERE account_id = ?")) {
            ps.setDouble(1, balance);
            ps.setLong(2, rollover);
            ps.setLong(3, time);
            ps.setString(4, accountId);
            ps.executeUpdate();
        }
    }
}
