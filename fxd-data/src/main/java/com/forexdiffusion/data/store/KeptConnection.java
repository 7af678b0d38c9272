package com.forexdiffusion.data.store;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * A data source of one connection, opened on first use and kept (see {@link Database#openScratch}): what it hands out
 * is a view whose close() rolls back anything uncommitted and restores auto-commit instead of closing.
 */
final class KeptConnection implements DataSource {
    private final DataSource source;
    private Connection kept;

    KeptConnection(DataSource source) {
        this.source = source;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        if (kept == null || kept.isClosed()) {
            kept = source.getConnection();
        }
        Connection c = kept;
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("close")) {
                        if (!c.getAutoCommit()) {
                            c.rollback();
                            c.setAutoCommit(true);
                        }
                        return null;
                    }
                    if (m.getName().equals("isClosed")) {
                        return c.isClosed();
                    }
                    try {
                        return m.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    synchronized void closeKept() {
        if (kept != null) {
            try {
                kept.close();
            } catch (SQLException e) {
                // Throwaway state: nothing to keep.
            }
            kept = null;
        }
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return source.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return source.isWrapperFor(iface);
    }
}
