package com.forexdiffusion.trading.broker;

import com.forexdiffusion.data.store.Database;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One connection kept open with auto-commit off, through which everything a paper session writes for one bar goes:
 * the broker's orders, fills, positions, ledger and account, the forecasts it logs and the session's own state. They
 * become visible together at {@link #commit()} or not at all, so a process killed at any instant leaves the database
 * at the end of the last whole bar. The connection is reused for the next bar (no connection per write).
 * Not thread-safe: one event loop uses it.
 */
public final class BarTransaction implements AutoCloseable {
    private final Database db;
    private final Connection connection;
    private final Connection shared;

    private BarTransaction(Database db, Connection connection) {
        this.db = db;
        this.connection = connection;
        this.shared = borrowed(connection);
    }

    public static BarTransaction open(Database db) {
        Connection c = db.connection();
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the original failure is the one to report
            }
            throw db.failure("cannot start a transaction in", e);
        }
        return new BarTransaction(db, c);
    }

    /** The held connection: write through it, never commit or close it. */
    public Connection connection() {
        return connection;
    }

    /**
     * The held connection for code written to take a fresh connection each time (the prediction log): its
     * {@code close}, {@code commit}, {@code rollback} and {@code setAutoCommit} do nothing, so its writes stay in this
     * bar's transaction.
     */
    public Connection shared() {
        return shared;
    }

    public void commit() {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw db.failure("cannot commit a bar to", e);
        }
    }

    /** Rolls back what is not committed and closes the connection. */
    @Override
    public void close() {
        try (connection) {
            connection.rollback();
        } catch (SQLException e) {
            throw db.failure("cannot close a transaction of", e);
        }
    }

    private static Connection borrowed(Connection c) {
        return (Connection) Proxy.newProxyInstance(BarTransaction.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close", "commit", "rollback", "setAutoCommit" -> {
                            return null;
                        }
                        case "getAutoCommit" -> {
                            return false;
                        }
                        case "isClosed" -> {
                            return c.isClosed();
                        }
                        default -> {
                            try {
                                return method.invoke(c, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }
}
