package com.forexdiffusion.data.store;

import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQLite connection pools: one kept write connection, query-only readers beside it, closed with the database. */
class DatabasePoolTest {
    @TempDir
    Path dir;

    private Database open() {
        return Database.open("sqlite:" + dir.resolve("fxd.db"));
    }

    private static void insert(Connection c, String id) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO backtest_runs (run_id, symbol, timeframe, forecaster, data_from, data_to, seed, "
                    + "code_version, config_json, status, started_at) VALUES ('" + id + "', 'EURUSD', 'M5', 'rw', 0, 1, "
                    + "1, 'x', '{}', 'running', 0)");
        }
    }

    private static long runs(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM backtest_runs")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void everyWriteCheckoutIsTheSameOpenSqliteConnection() throws SQLException {
        try (Database db = open()) {
            SQLiteConnection first;
            try (Connection c = db.connection()) {
                first = c.unwrap(SQLiteConnection.class);
                insert(c, "a");
            }
            try (Connection c = db.connection()) {
                assertThat(c.unwrap(SQLiteConnection.class)).isSameAs(first);
                assertThat(c.getAutoCommit()).isTrue();
                assertThat(runs(c)).isEqualTo(1);
            }
        }
    }

    @Test
    void askingForTheWriteConnectionTwiceOnOneThreadFailsAtOnceInsteadOfWaitingForItself() throws SQLException {
        try (Database db = open(); Connection held = db.connection()) {
            assertThatThrownBy(db::connection).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already holds the write connection");
            assertThat(held.isValid(1)).isTrue();
        }
    }

    @Test
    void readersSeeTheLastCommitWhileAWriteTransactionIsOpenAndCannotWrite() throws Exception {
        try (Database db = open()) {
            try (Connection w = db.connection()) {
                insert(w, "committed");
                w.setAutoCommit(false);
                insert(w, "pending");
                // Another thread reads while the writer holds its transaction: no wait, committed rows only.
                long seen = CompletableFuture.supplyAsync(() -> {
                    try (Connection r = db.readConnection()) {
                        return runs(r);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }).get(10, TimeUnit.SECONDS);
                assertThat(seen).isEqualTo(1);
                w.commit();
            }
            try (Connection r = db.readConnection()) {
                assertThat(runs(r)).isEqualTo(2);
                assertThatThrownBy(() -> insert(r, "via-reader")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("readonly");
            }
        }
    }

    @Test
    void aSecondThreadWaitsForTheWriterInsteadOfFailingBusy() throws Exception {
        try (Database db = open()) {
            CompletableFuture<Void> second;
            try (Connection w = db.connection()) {
                w.setAutoCommit(false);
                insert(w, "first");
                second = CompletableFuture.runAsync(() -> {
                    try (Connection c = db.connection()) {
                        insert(c, "second");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                // Longer than SQLite's busy timeout would have allowed a second connection to wait.
                Thread.sleep(Database.BUSY_TIMEOUT_MS + 500);
                assertThat(second).isNotDone();
                w.commit();
            }
            second.get(10, TimeUnit.SECONDS);
            try (Connection r = db.readConnection()) {
                assertThat(runs(r)).isEqualTo(2);
            }
        }
    }

    @Test
    void transactionCommitsOnReturnAndRollsBackOnThrow() throws SQLException {
        try (Database db = open()) {
            db.transaction(c -> {
                insert(c, "kept");
                return null;
            });
            assertThatThrownBy(() -> db.transaction(c -> {
                insert(c, "dropped");
                throw new IllegalArgumentException("boom");
            })).isInstanceOf(IllegalArgumentException.class);
            try (Connection r = db.readConnection()) {
                assertThat(runs(r)).isEqualTo(1);
            }
        }
    }

    @Test
    void closeClosesThePools() {
        Database db = open();
        db.close();
        assertThatThrownBy(db::connection).isInstanceOf(FxdException.class).hasMessageContaining("fxd.db");
        assertThatThrownBy(db::readConnection).isInstanceOf(FxdException.class);
    }

    @Test
    void readingWithTheStartAfterTheEndNamesBothTimes() {
        long from = Instant.parse("2024-02-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        try (Database db = open()) {
            assertThatThrownBy(() -> db.candles().read("EURUSD", Timeframe.M1, from, to))
                    .isInstanceOf(FxdException.class)
                    .hasMessageContaining("2024-02-01T00:00:00Z").hasMessageContaining("2024-01-01T00:00:00Z");
        }
    }

    @Test
    void openExistingRefusesAMissingDirectoryOrFileAndCreatesNothing() {
        Path missingDir = dir.resolve("nope/fxd.db");
        assertThatThrownBy(() -> Database.openExisting("sqlite:" + missingDir)).isInstanceOf(FxdException.class)
                .hasMessageContaining("does not exist").hasMessageContaining(dir.resolve("nope").toString());
        assertThat(dir.resolve("nope")).doesNotExist();
        Path missingFile = dir.resolve("absent.db");
        assertThatThrownBy(() -> Database.openExisting("sqlite:" + missingFile)).isInstanceOf(FxdException.class)
                .hasMessageContaining("no file");
        assertThat(missingFile).doesNotExist();
        open().close();
        try (Database db = Database.openExisting("sqlite:" + dir.resolve("fxd.db"))) {
            assertThat(db.candles().info()).isEmpty();
        }
    }
}
