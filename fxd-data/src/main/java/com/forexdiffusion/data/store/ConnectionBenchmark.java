package com.forexdiffusion.data.store;

import com.forexdiffusion.core.FxdException;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a small write transaction costs on SQLite when every one opens its own connection (what {@link Database} did
 * before its pool, and why a paper session managed 6–9 bars/s) against taking the pooled write connection: get a
 * connection, insert one row, commit, close. The best of three rounds of {@code n} transactions each.
 */
public final class ConnectionBenchmark {
    private ConnectionBenchmark() {
    }

    /** Mean microseconds per transaction, unpooled and pooled. */
    public record Result(int transactions, double unpooledMicros, double pooledMicros) {
        public double speedup() {
            return unpooledMicros / pooledMicros;
        }
    }

    public static Result run(Path file, int n) {
        try (Database db = Database.open("sqlite:" + file)) {
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS bench_writes (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
            }
            DataSource unpooled = Database.sqliteSource(file.toAbsolutePath());
            double fresh = Double.MAX_VALUE;
            double pooled = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                fresh = Math.min(fresh, micros(n, unpooled::getConnection));
                pooled = Math.min(pooled, micros(n, db::connection));
            }
            return new Result(n, fresh, pooled);
        } catch (SQLException e) {
            throw new FxdException("connection benchmark failed on " + file + ": " + e.getMessage(), e);
        }
    }

    private interface Source {
        Connection get() throws SQLException;
    }

    private static double micros(int n, Source source) throws SQLException {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (Connection c = source.get()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_writes (v) VALUES (?)")) {
                    ps.setInt(1, i);
                    ps.executeUpdate();
                }
                c.commit();
            }
        }
        return (System.nanoTime() - t0) / 1e3 / n;
    }
}
