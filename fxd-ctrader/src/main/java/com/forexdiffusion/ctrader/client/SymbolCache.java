package com.forexdiffusion.ctrader.client;

import com.forexdiffusion.data.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The symbols list of one server and account, kept in the database (table ctrader_symbols), so that later runs find a
 * symbol's id without asking the server. A list is replaced whole, in one transaction.
 */
public final class SymbolCache {
    private final Database db;

    /** One entry of a symbols list. */
    public record Entry(long symbolId, String name, boolean enabled) {
    }

    public SymbolCache(Database db) {
        this.db = db;
    }

    /** "EUR/USD", "eurusd" -> "EURUSD". */
    public static String canonical(String name) {
        return name.replaceAll("[^A-Za-z0-9.]", "").toUpperCase(Locale.ROOT);
    }

    public OptionalLong find(String server, long accountId, String symbol) {
        String sql = "SELECT symbol_id FROM ctrader_symbols WHERE server = ? AND account_id = ? AND canonical = ?"
                + " ORDER BY enabled DESC, symbol_id";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, server);
            ps.setLong(2, accountId);
            ps.setString(3, canonical(symbol));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw db.failure("cannot read the cTrader symbols from", e);
        }
    }

    public void replace(String server, long accountId, List<Entry> entries, long nowMs) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM ctrader_symbols WHERE server = ? AND account_id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO ctrader_symbols (server, account_id, "
                         + "symbol_id, name, canonical, enabled, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                del.setString(1, server);
                del.setLong(2, accountId);
                del.executeUpdate();
                for (Entry e : entries) {
                    ins.setString(1, server);
                    ins.setLong(2, accountId);
                    ins.setLong(3, e.symbolId());
                    ins.setString(4, e.name());
                    ins.setString(5, canonical(e.name()));
                    ins.setInt(6, e.enabled() ? 1 : 0);
                    ins.setLong(7, nowMs);
                    ins.addBatch();
                }
                ins.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw db.failure("cannot store the cTrader symbols in", e);
        }
    }
}
