package com.forexdiffusion.data.store;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The spread of a bar where its source states one (a MetaTrader 5 {@code <SPREAD>} column, a CSV spread column), in
 * quote currency; NULL where it does not, and the paper broker then uses its per-symbol spread. Bars stay in the
 * binary blocks as before: spreads are read from the rows, by the broker only. Written in Java because SQLite has no
 * ADD COLUMN IF NOT EXISTS, and a migration may run again on a database whose history was rolled back.
 */
final class V15__CandleSpreads extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            boolean present;
            try (ResultSet rs = s.executeQuery("SELECT * FROM candles WHERE 1 = 0")) {
                present = hasColumn(rs, "spread");
            }
            if (!present) {
                s.executeUpdate("ALTER TABLE candles ADD COLUMN spread DOUBLE PRECISION");
            }
        }
    }

    private static boolean hasColumn(ResultSet rs, String name) throws SQLException {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            if (rs.getMetaData().getColumnName(i).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
