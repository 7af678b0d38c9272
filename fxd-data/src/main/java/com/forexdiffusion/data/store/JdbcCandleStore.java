package com.forexdiffusion.data.store;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.validation.ConflictPolicy;

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
            + "source, missing_minutes, spread) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (symbol, timeframe, "
            + "ts) DO UPDATE SET open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, "
            + "volume = excluded.volume, source = excluded.source, missing_minutes = excluded.missing_minutes, "
            + "spread = COALESCE(excluded.spread, candles.spread)";

    private final Database db;

    JdbcCandleStore(Database db) {
        this.db = db;
    }

    @Override
    public CandleWriter writer() {
        return writer(ConflictPolicy.KEEP_LAST);
    }

    @Override
    public CandleWriter writer(ConflictPolicy onStored) {
        Connection c = db.connection();
        try {
            c.setAutoCommit(false);
            return new Writer(c, c.prepareStatement(UPSERT), onStored);
        } catch (SQLException e) {
            closeQuietly(c);
            throw db.failure("cannot write to", e);
        }
    }

    @Override
    public BarSeries read(String symbol, Timeframe timeframe, long fromMs, long toMs) {
        String sym = Instrument.normalise(symbol);
        if (fromMs > toMs) {
            throw new FxdException("cannot read " + sym + " " + timeframe + ": the start " + time(fromMs)
                    + " is after the end " + time(toMs));
        }
        List<CandleBlocks.Block> blocks = new ArrayList<>();
        try (Connection c = db.readConnection()) {
            // One consistent snapshot; PostgreSQL also needs a transaction to stream with a fetch size.
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT n, data FROM candle_blocks WHERE symbol = ? "
                    + "AND timeframe = ? AND last_ts >= ? AND first_ts < ? ORDER BY block_start")) {
                ps.setFetchSize(64);
                bindSeriesRange(ps, sym, timeframe, fromMs, toMs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        blocks.add(CandleBlocks.decode(rs.getBytes(2), rs.getInt(1)));
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw db.failure("cannot read from", e);
        }
        return concat(sym, timeframe, blocks, fromMs, toMs);
    }

    @Override
    public BarSpreads spreads(String symbol, Timeframe timeframe, long fromMs, long toMs) {
        String sym = Instrument.normalise(symbol);
        long[] t = new long[4096];
        double[] v = new double[4096];
        int n = 0;
        try (Connection c = db.readConnection(); PreparedStatement ps = c.prepareStatement("SELECT ts, spread FROM "
                + "candles WHERE symbol = ? AND timeframe = ? AND ts >= ? AND ts < ? AND spread IS NOT NULL ORDER BY ts")) {
            bindSeriesRange(ps, sym, timeframe, fromMs, toMs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == t.length) {
                        t = java.util.Arrays.copyOf(t, 2 * n);
                        v = java.util.Arrays.copyOf(v, 2 * n);
                    }
                    t[n] = rs.getLong(1);
                    v[n++] = rs.getDouble(2);
                }
            }
        } catch (SQLException e) {
            throw db.failure("cannot read spreads from", e);
        }
        return new BarSpreads(sym, timeframe, java.util.Arrays.copyOf(t, n), java.util.Arrays.copyOf(v, n));
    }

    /** Binds the first four parameters: symbol, timeframe and the time range. */
    private static void bindSeriesRange(PreparedStatement ps, String symbol, Timeframe timeframe, long fromMs, long toMs)
            throws SQLException {
        ps.setString(1, symbol);
        ps.setString(2, timeframe.name());
        ps.setLong(3, fromMs);
        ps.setLong(4, toMs);
    }

    private static String time(long ms) {
        return ms == Long.MIN_VALUE ? "(open start)" : ms == Long.MAX_VALUE ? "(open end)"
                : java.time.Instant.ofEpochMilli(ms).toString();
    }

    /** Joins decoded blocks into one series, trimming the first and last to [fromMs, toMs). */
    private static BarSeries concat(String sym, Timeframe tf, List<CandleBlocks.Block> blocks, long fromMs, long toMs) {
        int total = 0;
        int[] lo = new int[blocks.size()];
        int[] hi = new int[blocks.size()];
        for (int k = 0; k < blocks.size(); k++) {
            long[] ts = blocks.get(k).ts();
            lo[k] = lowerBound(ts, fromMs);
            hi[k] = lowerBound(ts, toMs);
            total += hi[k] - lo[k];
        }
        long[] ts = new long[total];
        double[][] cols = new double[5][total];
        int at = 0;
        for (int k = 0; k < blocks.size(); k++) {
            CandleBlocks.Block b = blocks.get(k);
            int n = hi[k] - lo[k];
            System.arraycopy(b.ts(), lo[k], ts, at, n);
            System.arraycopy(b.open(), lo[k], cols[0], at, n);
            System.arraycopy(b.high(), lo[k], cols[1], at, n);
            System.arraycopy(b.low(), lo[k], cols[2], at, n);
            System.arraycopy(b.close(), lo[k], cols[3], at, n);
            System.arraycopy(b.volume(), lo[k], cols[4], at, n);
            at += n;
        }
        return BarSeries.of(sym, tf, ts, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }

    private static int lowerBound(long[] ts, long t) {
        int i = java.util.Arrays.binarySearch(ts, t);
        return i >= 0 ? i : -i - 1;
    }

    @Override
    public long count(String symbol, Timeframe timeframe) {
        try (Connection c = db.readConnection();
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
        return summaries(null, null);
    }

    @Override
    public java.util.Optional<SeriesInfo> info(String symbol, Timeframe timeframe) {
        return summaries(Instrument.normalise(symbol), timeframe).stream().findFirst();
    }

    private List<SeriesInfo> summaries(String symbol, Timeframe timeframe) {
        List<SeriesInfo> out = new ArrayList<>();
        List<Object[]> groups = new ArrayList<>();
        try (Connection c = db.readConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT symbol, timeframe, COUNT(*), MIN(ts), MAX(ts), "
                    + "MAX(CASE WHEN source = '" + SYNTHETIC + "' THEN 1 ELSE 0 END), "
                    + "SUM(CASE WHEN missing_minutes > 0 THEN 1 ELSE 0 END) FROM candles "
                    + (symbol == null ? "" : "WHERE symbol = ? AND timeframe = ? ")
                    + "GROUP BY symbol, timeframe")) {
                if (symbol != null) {
                    ps.setString(1, symbol);
                    ps.setString(2, timeframe.name());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        groups.add(new Object[]{rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5), rs.getInt(6) == 1, rs.getLong(7)});
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw db.failure("cannot read from", e);
        }
        for (Object[] g : groups) {
            Timeframe tf = Timeframe.parse((String) g[1]);
            long[] gaps = gaps((String) g[0], tf);
            long partial = (long) g[6];
            // A partial bar is a hole inside its own span: it counts as a gap.
            out.add(new SeriesInfo((String) g[0], tf, (long) g[2], (long) g[3], (long) g[4], gaps[0] + partial,
                    gaps[1], partial, (boolean) g[5]));
        }
        out.sort(Comparator.comparing(SeriesInfo::symbol).thenComparing(i -> i.timeframe().minutes()));
        return out;
    }

    /** {gaps, missing bars}: holes between consecutive bars whose empty slots cover trading time. */
    private long[] gaps(String symbol, Timeframe tf) {
        BarSeries s = readAll(symbol, tf);
        long gaps = 0;
        long missing = 0;
        for (int i = 1; i < s.size(); i++) {
            long inSession = FxMarketHours.missingSessionBars(s.ts(i - 1), s.ts(i), tf);
            if (inSession > 0) {
                gaps++;
                missing += inSession;
            }
        }
        return new long[]{gaps, missing};
    }

    @Override
    public long delete(String symbol, Timeframe timeframe) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            long n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM candles WHERE symbol = ? AND timeframe = ?");
                 PreparedStatement pb = c.prepareStatement(
                         "DELETE FROM candle_blocks WHERE symbol = ? AND timeframe = ?")) {
                for (PreparedStatement s : new PreparedStatement[]{ps, pb}) {
                    s.setString(1, Instrument.normalise(symbol));
                    s.setString(2, timeframe.name());
                }
                n = ps.executeUpdate();
                pb.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return n;
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

    private record BlockKey(String symbol, Timeframe timeframe, long blockStart) {
    }

    private record RowKey(String symbol, Timeframe timeframe, long ts) {
    }

    private final class Writer implements CandleWriter {
        private final Connection c;
        private final PreparedStatement ps;
        private long added;
        private int pending;
        private boolean committed;
        private String lastSymbolIn;
        private String lastSymbolOut;
        /*
         * Blocks are kept in step with the rows. A block that did not exist before this transaction and whose
         * rows arrive in order, once each, is encoded from memory when the writer moves on; any other touched
         * block (existing, re-entered, out of order) is rebuilt from the candle rows at commit.
         */
        private final java.util.Set<BlockKey> seen = new java.util.HashSet<>();
        private final java.util.Set<BlockKey> dirty = new java.util.LinkedHashSet<>();
        private BlockKey cur;
        private boolean curFresh;
        private final long[] bts = new long[CandleBlocks.BARS_PER_BLOCK];
        private final double[][] bcols = new double[5][CandleBlocks.BARS_PER_BLOCK];
        private int bn;
        private PreparedStatement exists;
        private PreparedStatement insertBlock;
        /** What to do with a row that would change a bar stored before this transaction. */
        private final ConflictPolicy onStored;
        /** The blocks as stored before this transaction (absent key: not looked up yet; null value: none stored). */
        private final java.util.Map<BlockKey, CandleBlocks.Block> storedBlocks = new java.util.HashMap<>();
        private CandleBlocks.Block stored;
        private long replaced;
        private long skipped;
        /**
         * PostgreSQL rewrites a batch into one multi-row upsert, which may not touch a key twice; the keys of the
         * pending batch are tracked there so that a repeated key sends the batch first.
         */
        private final java.util.Set<RowKey> batchKeys = db.dialect() == Dialect.POSTGRES ? new java.util.HashSet<>() : null;

        Writer(Connection c, PreparedStatement ps, ConflictPolicy onStored) {
            this.c = c;
            this.ps = ps;
            this.onStored = onStored;
        }

        @Override
        public void add(String symbol, Timeframe timeframe, long ts, double open, double high, double low,
                        double close, double volume, String source, int missingMinutes, double spread) {
            if (committed) {
                throw new IllegalStateException("writer already committed");
            }
            // Normalising costs a regex; importers pass the same symbol string for millions of rows.
            if (!symbol.equals(lastSymbolIn)) {
                lastSymbolIn = symbol;
                lastSymbolOut = Instrument.normalise(symbol);
            }
            try {
                if (batchKeys != null && !batchKeys.add(new RowKey(lastSymbolOut, timeframe, ts))) {
                    ps.executeBatch();
                    pending = 0;
                    batchKeys.clear();
                    batchKeys.add(new RowKey(lastSymbolOut, timeframe, ts));
                }
                long block = CandleBlocks.blockOf(ts, timeframe);
                if (cur == null || cur.blockStart() != block || cur.timeframe() != timeframe
                        || !cur.symbol().equals(lastSymbolOut)) {
                    switchTo(new BlockKey(lastSymbolOut, timeframe, block));
                }
                if (stored != null && !keep(ts, open, high, low, close, volume)) {
                    return;
                }
                if (curFresh) {
                    if ((bn > 0 && ts <= bts[bn - 1]) || bn == bts.length) {
                        curFresh = false;
                        dirty.add(cur);
                    } else {
                        bts[bn] = ts;
                        bcols[0][bn] = open;
                        bcols[1][bn] = high;
                        bcols[2][bn] = low;
                        bcols[3][bn] = close;
                        bcols[4][bn] = volume;
                        bn++;
                    }
                }
                ps.setString(1, lastSymbolOut);
                ps.setString(2, timeframe.name());
                ps.setLong(3, ts);
                ps.setDouble(4, open);
                ps.setDouble(5, high);
                ps.setDouble(6, low);
                ps.setDouble(7, close);
                ps.setDouble(8, volume);
                ps.setString(9, source);
                ps.setInt(10, missingMinutes);
                if (Double.isNaN(spread)) {
                    ps.setNull(11, java.sql.Types.DOUBLE);
                } else {
                    ps.setDouble(11, spread);
                }
                ps.addBatch();
                added++;
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                    if (batchKeys != null) {
                        batchKeys.clear();
                    }
                }
            } catch (SQLException e) {
                throw db.failure("cannot write to", e);
            }
        }

        /**
         * Whether a row goes in, given the bar stored before this transaction at its time (if any): equal values and
         * new bars always do; a changed bar is replaced, skipped or refused as the policy says.
         */
        private boolean keep(long ts, double open, double high, double low, double close, double volume) {
            int i = java.util.Arrays.binarySearch(stored.ts(), ts);
            if (i < 0 || (stored.open()[i] == open && stored.high()[i] == high && stored.low()[i] == low
                    && stored.close()[i] == close && stored.volume()[i] == volume)) {
                return true;
            }
            switch (onStored) {
                case KEEP_LAST -> {
                    replaced++;
                    return true;
                }
                case SKIP -> {
                    skipped++;
                    return false;
                }
                default -> throw new StoredConflictException(cur.symbol() + " " + cur.timeframe() + " "
                        + java.time.Instant.ofEpochMilli(ts) + " is stored with other values (open "
                        + stored.open()[i] + ", high " + stored.high()[i] + ", low " + stored.low()[i] + ", close "
                        + stored.close()[i] + ", volume " + stored.volume()[i] + ") than the new row (" + open + ", "
                        + high + ", " + low + ", " + close + ", " + volume + "); use --on-conflict replace to store "
                        + "the new values or skip to keep the stored ones");
            }
        }

        private void switchTo(BlockKey next) throws SQLException {
            finishBlock();
            cur = next;
            bn = 0;
            if (!seen.add(next)) {
                curFresh = false;
                stored = storedBlocks.get(next);
                dirty.add(next);
                return;
            }
            if (exists == null) {
                exists = c.prepareStatement(
                        "SELECT n, data FROM candle_blocks WHERE symbol = ? AND timeframe = ? AND block_start = ?");
            }
            exists.setString(1, next.symbol());
            exists.setString(2, next.timeframe().name());
            exists.setLong(3, next.blockStart());
            try (ResultSet rs = exists.executeQuery()) {
                stored = rs.next() ? CandleBlocks.decode(rs.getBytes(2), rs.getInt(1)) : null;
            }
            storedBlocks.put(next, stored);
            curFresh = stored == null;
            if (!curFresh) {
                dirty.add(next);
            }
        }

        @Override
        public long replaced() {
            return replaced;
        }

        @Override
        public long skipped() {
            return skipped;
        }

        private void finishBlock() throws SQLException {
            if (cur == null || !curFresh || bn == 0) {
                return;
            }
            if (insertBlock == null) {
                insertBlock = c.prepareStatement("INSERT INTO candle_blocks (symbol, timeframe, block_start, n, "
                        + "first_ts, last_ts, data) VALUES (?, ?, ?, ?, ?, ?, ?)");
            }
            insertBlock.setString(1, cur.symbol());
            insertBlock.setString(2, cur.timeframe().name());
            insertBlock.setLong(3, cur.blockStart());
            insertBlock.setInt(4, bn);
            insertBlock.setLong(5, bts[0]);
            insertBlock.setLong(6, bts[bn - 1]);
            insertBlock.setBytes(7, CandleBlocks.encode(bts, bcols[0], bcols[1], bcols[2], bcols[3], bcols[4], bn));
            insertBlock.executeUpdate();
            curFresh = false;
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
                finishBlock();
                for (BlockKey k : dirty) {
                    CandleBlocks.rebuild(c, k.symbol(), k.timeframe(), k.blockStart());
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
                for (PreparedStatement s : new PreparedStatement[]{ps, exists, insertBlock}) {
                    try {
                        if (s != null) {
                            s.close();
                        }
                    } catch (SQLException ignored) {
                        // closing the connection releases it too
                    }
                }
                closeQuietly(c);
            }
        }
    }
}
