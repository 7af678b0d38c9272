package com.forexdiffusion.data.store;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.Timeframe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The candle table over JDBC; the SQL is portable between SQLite and PostgreSQL. */
final class JdbcCandleStore implements CandleStore {
    static final int BATCH = 5_000;
    static final String SYNTHETIC = "synthetic";
    private static final String UPSERT = "INSERT INTO candles (symbol, timeframe, ts, open, high, low, close, volume, "
            + "source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (symbol, timeframe, ts) DO UPDATE SET "
            + "open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, "
            + "volume = excluded.volume, source = excluded.source";

    private final Database db;

    JdbcCandleStore(Database db) {
        this.db = db;
    }

    @Override
    public CandleWriter writer() {
        Connection c = db.connection();
        try {
            c.setAutoCommit(false);
            return new Writer(c, c.prepareStatement(UPSERT));
        } catch (SQLException e) {
            closeQuietly(c);
            throw db.failure("cannot write to", e);
        }
    }

    @Override
    public BarSeries read(String symbol, Timeframe timeframe, long fromMs, long toMs) {
        String sym = Instrument.normalise(symbol);
        BarSeries.Builder b = BarSeries.builder(sym, timeframe, 1024);
        try (Connection c = db.connection()) {
            // PostgreSQL streams rows only inside a transaction with a fetch size; otherwise it buffers all.
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT ts, open, high, low, close, volume FROM candles "
                    + "WHERE symbol = ? AND timeframe = ? AND ts >= ? AND ts < ? ORDER BY ts")) {
                ps.setFetchSize(50_000);
                ps.setString(1, sym);
                ps.setString(2, timeframe.name());
                ps.setLong(3, fromMs);
                ps.setLong(4, toMs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        b.add(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                                rs.getDouble(6));
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw db.failure("cannot read from", e);
        }
        return b.build();
    }

    @Override
    public long count(String symbol, Timeframe timeframe) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM candles WHERE symbol = ? AND timeframe = ?")) {
            ps.setString(1, Instrument.normalise(symbol));
            ps.setString(2, timeframe.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw db.failure("cannot read from", e);
        }
    }

    @Override
    public List<SeriesInfo> info() {
        List<SeriesInfo> out = new ArrayList<>();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            List<Object[]> groups = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT symbol, timeframe, COUNT(*), MIN(ts), MAX(ts), "
                    + "MAX(CASE WHEN source = '" + SYNTHETIC + "' THEN 1 ELSE 0 END) FROM candles "
                    + "GROUP BY symbol, timeframe");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups.add(new Object[]{rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getInt(6) == 1});
                }
            }
            for (Object[] g : groups) {
                Timeframe tf = Timeframe.parse((String) g[1]);
                long[] gaps = gaps(c, (String) g[0], tf);
                out.add(new SeriesInfo((String) g[0], tf, (long) g[2], (long) g[3], (long) g[4], gaps[0], gaps[1],
                        (boolean) g[5]));
            }
            c.commit();
        } catch (SQLException e) {
            throw db.failure("cannot read from", e);
        }
        out.sort(Comparator.comparing(SeriesInfo::symbol).thenComparing(i -> i.timeframe().minutes()));
        return out;
    }

    /** {gaps, missing bars}: holes between consecutive bars whose empty slots cover trading time. */
    private static long[] gaps(Connection c, String symbol, Timeframe tf) throws SQLException {
        long gaps = 0;
        long missing = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ts FROM candles WHERE symbol = ? AND timeframe = ? ORDER BY ts")) {
            ps.setFetchSize(50_000);
            ps.setString(1, symbol);
            ps.setString(2, tf.name());
            try (ResultSet rs = ps.executeQuery()) {
                long prev = Long.MIN_VALUE;
                while (rs.next()) {
                    long ts = rs.getLong(1);
                    if (prev != Long.MIN_VALUE) {
                        long inSession = missingInSession(prev, ts, tf);
                        if (inSession > 0) {
                            gaps++;
                            missing += inSession;
                        }
                    }
                    prev = ts;
                }
            }
        }
        return new long[]{gaps, missing};
    }

    /** Counts the empty slots between two consecutive bars that overlap trading time. */
    static long missingInSession(long prevTs, long ts, Timeframe tf) {
        long n = 0;
        for (long slot = tf.next(prevTs); slot < ts; slot = tf.next(slot)) {
            if (FxMarketHours.isOpen(slot) || FxMarketHours.isOpen(tf.next(slot) - 1)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public long delete(String symbol, Timeframe timeframe) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM candles WHERE symbol = ? AND timeframe = ?")) {
            ps.setString(1, Instrument.normalise(symbol));
            ps.setString(2, timeframe.name());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw db.failure("cannot delete from", e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already failing; the first error is the one to report
        }
    }

    private final class Writer implements CandleWriter {
        private final Connection c;
        private final PreparedStatement ps;
        private long added;
        private int pending;
        private boolean committed;
        private String lastSymbolIn;
        private String lastSymbolOut;

        Writer(Connection c, PreparedStatement ps) {
            this.c = c;
            this.ps = ps;
        }

        @Override
        public void add(String symbol, Timeframe timeframe, long ts, double open, double high, double low,
                        double close, double volume, String source) {
            if (committed) {
                throw new IllegalStateException("writer already committed");
            }
            // Normalising costs a regex; importers pass the same symbol string for millions of rows.
            if (!symbol.equals(lastSymbolIn)) {
                lastSymbolIn = symbol;
                lastSymbolOut = Instrument.normalise(symbol);
            }
            try {
                ps.setString(1, lastSymbolOut);
                ps.setString(2, timeframe.name());
                ps.setLong(3, ts);
                ps.setDouble(4, open);
                ps.setDouble(5, high);
                ps.setDouble(6, low);
                ps.setDouble(7, close);
                ps.setDouble(8, volume);
                ps.setString(9, source);
                ps.addBatch();
                added++;
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            } catch (SQLException e) {
                throw db.failure("cannot write to", e);
            }
        }

        @Override
        public long added() {
            return added;
        }

        @Override
        public void commit() {
            try {
                if (pending > 0) {
                    ps.executeBatch();
                    pending = 0;
                }
                c.commit();
                committed = true;
            } catch (SQLException e) {
                throw db.failure("cannot commit to", e);
            }
        }

        @Override
        public void close() {
            try {
                if (!committed) {
                    c.rollback();
                }
            } catch (SQLException ignored) {
                // the connection is closed next; an uncommitted transaction dies with it
            } finally {
                try {
                    ps.close();
                } catch (SQLException ignored) {
                    // closing the connection releases it too
                }
                closeQuietly(c);
            }
        }
    }
}
