package com.forexdiffusion.data.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The scratch database keeps one connection; closing a handed-out one behaves like closing a real one. */
class ScratchDatabaseTest {
    @TempDir
    Path dir;

    private static long count(Database db) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM backtest_runs")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insert(Connection c, String id) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO backtest_runs (run_id, symbol, timeframe, forecaster, data_from, data_to, seed, "
                    + "code_version, config_json, status, started_at) VALUES ('" + id + "', 'EURUSD', 'M5', 'rw', 0, 1, "
                    + "1, 'x', '{}', 'running', 0)");
        }
    }

    @Test
    void commitsStayUncommittedWorkIsRolledBackOnCloseAndAutoCommitComesBack() throws SQLException {
        try (Database db = Database.openScratch(dir.resolve("scratch.db"))) {
            try (Connection c = db.connection()) {
                c.setAutoCommit(false);
                insert(c, "kept");
                c.commit();
                insert(c, "dropped");
            }
            assertThat(count(db)).isEqualTo(1);
            try (Connection c = db.connection()) {
                assertThat(c.getAutoCommit()).isTrue();
                insert(c, "auto");
            }
            assertThat(count(db)).isEqualTo(2);
        }
        // Migrated like any database: a normal open of the same file sees the schema and the rows.
        try (Database again = Database.open("sqlite:" + dir.resolve("scratch.db"))) {
            assertThat(count(again)).isEqualTo(2);
        }
    }
}
