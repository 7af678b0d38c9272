package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.store.SeriesInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real SQLite candle store in a fresh temporary file, with two inspection helpers for the importer tests.
 * The file is removed when the JVM exits.
 */
final class SqliteTestStore implements CandleStore {
    record Row(double open, double high, double low, double close, double volume, String source) {
    }

    private final Database db;
    /** Transactions committed and rolled back through this store, to check the importer's transaction use. */
    int commits;
    int rollbacks;

    SqliteTestStore() {
        try {
            Path dir = Files.createTempDirectory("fxd-import-test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            db = Database.open("sqlite:" + dir.resolve("candles.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }

    Row row(String symbol, Timeframe tf, long ts) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT open, high, low, close, "
                + "volume, source FROM candles WHERE symbol = ? AND timeframe = ? AND ts = ?")) {
            ps.setString(1, symbol);
            ps.setString(2, tf.name());
            ps.setLong(3, ts);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Row(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getString(6)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long totalRows() {
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM candles")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public CandleWriter writer() {
        return writer(com.forexdiffusion.data.validation.ConflictPolicy.KEEP_LAST);
    }

    @Override
    public CandleWriter writer(com.forexdiffusion.data.validation.ConflictPolicy onStored) {
        CandleWriter w = db.candles().writer(onStored);
        return new CandleWriter() {
            private boolean committed;

            @Override
            public void add(String symbol, Timeframe timeframe, long ts, double open, double high, double low,
                            double close, double volume, String source, int missingMinutes, double spread) {
                w.add(symbol, timeframe, ts, open, high, low, close, volume, source, missingMinutes, spread);
            }

            @Override
            public long added() {
                return w.added();
            }

            @Override
            public long replaced() {
                return w.replaced();
            }

            @Override
            public long skipped() {
                return w.skipped();
            }

            @Override
            public void commit() {
                w.commit();
                committed = true;
                commits++;
            }

            @Override
            public void close() {
                w.close();
                if (!committed) {
                    rollbacks++;
                }
            }
        };
    }

    @Override
    public BarSeries read(String symbol, Timeframe timeframe, long fromMs, long toMs) {
        return db.candles().read(symbol, timeframe, fromMs, toMs);
    }

    @Override
    public com.forexdiffusion.data.store.BarSpreads spreads(String symbol, Timeframe timeframe, long fromMs, long toMs) {
        return db.candles().spreads(symbol, timeframe, fromMs, toMs);
    }

    @Override
    public long count(String symbol, Timeframe timeframe) {
        return db.candles().count(symbol, timeframe);
    }

    @Override
    public List<SeriesInfo> info() {
        return db.candles().info();
    }

    @Override
    public Optional<SeriesInfo> info(String symbol, Timeframe timeframe) {
        return db.candles().info(symbol, timeframe);
    }

    @Override
    public long delete(String symbol, Timeframe timeframe) {
        return db.candles().delete(symbol, timeframe);
    }
}
