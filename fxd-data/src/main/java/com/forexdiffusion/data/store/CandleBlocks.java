package com.forexdiffusion.data.store;

import com.forexdiffusion.core.Timeframe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The columnar block layout of table candle_blocks: which block a bar belongs to, and the blob encoding.
 * A block spans {@value #BARS_PER_BLOCK} nominal bar slots of its timeframe (MN1 uses one fixed century-long block;
 * D1_NY and H4_NY, whose bars vary by an hour at daylight saving changes, use their nominal length).
 */
final class CandleBlocks {
    static final int BARS_PER_BLOCK = 4096;
    private static final long MN1_SPAN = 100L * 366 * 86_400_000L;

    private CandleBlocks() {
    }

    static long span(Timeframe tf) {
        return tf == Timeframe.MN1 ? MN1_SPAN : BARS_PER_BLOCK * tf.millis();
    }

    static long blockOf(long ts, Timeframe tf) {
        long span = span(tf);
        return Math.floorDiv(ts, span) * span;
    }

    /** Columns of one block, decoded. */
    record Block(long[] ts, double[] open, double[] high, double[] low, double[] close, double[] volume) {
        int size() {
            return ts.length;
        }
    }

    static byte[] encode(long[] ts, double[] o, double[] h, double[] l, double[] c, double[] v, int n) {
        ByteBuffer bb = ByteBuffer.allocate(n * 48).order(ByteOrder.LITTLE_ENDIAN);
        bb.asLongBuffer().put(ts, 0, n);
        bb.position(n * 8);
        for (double[] col : new double[][]{o, h, l, c, v}) {
            bb.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(col, 0, n);
            bb.position(bb.position() + n * 8);
        }
        return bb.array();
    }

    static Block decode(byte[] data, int n) {
        if (data.length != n * 48) {
            throw new IllegalStateException("candle block of " + data.length + " bytes cannot hold " + n + " bars");
        }
        ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long[] ts = new long[n];
        bb.asLongBuffer().get(ts);
        double[][] cols = new double[5][n];
        for (int k = 0; k < 5; k++) {
            bb.position((k + 1) * n * 8);
            bb.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(cols[k]);
        }
        return new Block(ts, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }

    /**
     * Rebuilds one block from the candle rows visible to {@code c} (including its uncommitted writes), or
     * deletes it when no rows are left.
     */
    static void rebuild(Connection c, String symbol, Timeframe tf, long blockStart) throws SQLException {
        long end = blockStart + span(tf);
        long[] ts = new long[256];
        double[][] cols = new double[5][256];
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT ts, open, high, low, close, volume FROM candles "
                + "WHERE symbol = ? AND timeframe = ? AND ts >= ? AND ts < ? ORDER BY ts")) {
            ps.setString(1, symbol);
            ps.setString(2, tf.name());
            ps.setLong(3, blockStart);
            ps.setLong(4, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == ts.length) {
                        ts = Arrays.copyOf(ts, n * 2);
                        for (int k = 0; k < 5; k++) {
                            cols[k] = Arrays.copyOf(cols[k], n * 2);
                        }
                    }
                    ts[n] = rs.getLong(1);
                    for (int k = 0; k < 5; k++) {
                        cols[k][n] = rs.getDouble(k + 2);
                    }
                    n++;
                }
            }
        }
        try (PreparedStatement del = c.prepareStatement(
                "DELETE FROM candle_blocks WHERE symbol = ? AND timeframe = ? AND block_start = ?")) {
            del.setString(1, symbol);
            del.setString(2, tf.name());
            del.setLong(3, blockStart);
            del.executeUpdate();
        }
        if (n == 0) {
            return;
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO candle_blocks (symbol, timeframe, block_start, "
                + "n, first_ts, last_ts, data) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ins.setString(1, symbol);
            ins.setString(2, tf.name());
            ins.setLong(3, blockStart);
            ins.setInt(4, n);
            ins.setLong(5, ts[0]);
            ins.setLong(6, ts[n - 1]);
            ins.setBytes(7, encode(ts, cols[0], cols[1], cols[2], cols[3], cols[4], n));
            ins.executeUpdate();
        }
    }
}
