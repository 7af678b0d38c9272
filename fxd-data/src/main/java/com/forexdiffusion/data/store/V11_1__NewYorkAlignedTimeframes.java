package com.forexdiffusion.data.store;

import com.forexdiffusion.core.Timeframe;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Before version 11, {@code fxd data resample --align ny-close} stored its bars under D1 and H4, beside (and between)
 * the UTC ones. Such a bar is recognised by its open time (17:00 New York is 21:00 or 22:00 UTC, never a whole UTC
 * day or 4-hour multiple) and moves to D1_NY or H4_NY; the columnar blocks of both keys are rebuilt from the rows.
 */
final class V11_1__NewYorkAlignedTimeframes extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        move(c, Timeframe.D1, Timeframe.D1_NY);
        move(c, Timeframe.H4, Timeframe.H4_NY);
    }

    private static void move(Connection c, Timeframe utc, Timeframe ny) throws SQLException {
        List<String> symbols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT symbol FROM candles WHERE timeframe = ? "
                + "AND ts % ? <> 0")) {
            ps.setString(1, utc.name());
            ps.setLong(2, utc.millis());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    symbols.add(rs.getString(1));
                }
            }
        }
        for (String symbol : symbols) {
            Set<Long> oldBlocks = longs(c, "SELECT block_start FROM candle_blocks WHERE symbol = ? AND timeframe = ?",
                    symbol, utc);
            try (PreparedStatement up = c.prepareStatement("UPDATE candles SET timeframe = ? WHERE symbol = ? AND "
                    + "timeframe = ? AND ts % ? <> 0")) {
                up.setString(1, ny.name());
                up.setString(2, symbol);
                up.setString(3, utc.name());
                up.setLong(4, utc.millis());
                up.executeUpdate();
            }
            for (long block : oldBlocks) {
                CandleBlocks.rebuild(c, symbol, utc, block);
            }
            Set<Long> newBlocks = new LinkedHashSet<>();
            for (long ts : longs(c, "SELECT ts FROM candles WHERE symbol = ? AND timeframe = ? ORDER BY ts", symbol, ny)) {
                newBlocks.add(CandleBlocks.blockOf(ts, ny));
            }
            for (long block : newBlocks) {
                CandleBlocks.rebuild(c, symbol, ny, block);
            }
        }
    }

    private static Set<Long> longs(Connection c, String sql, String symbol, Timeframe tf) throws SQLException {
        Set<Long> out = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, symbol);
            ps.setString(2, tf.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }
}
