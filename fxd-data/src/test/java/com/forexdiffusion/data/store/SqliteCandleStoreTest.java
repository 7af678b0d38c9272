package com.forexdiffusion.data.store;

import com.forexdiffusion.core.FxdException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteCandleStoreTest extends CandleStoreContract {
    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void open() {
        db = Database.open("sqlite:" + dir.resolve("sub/fxd.db"));
    }

    @Override
    Database database() {
        return db;
    }

    @Test
    void createsTheFileInWalMode() throws Exception {
        assertThat(dir.resolve("sub/fxd.db")).exists();
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("PRAGMA journal_mode");
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
        assertThat(db.dialect()).isEqualTo(Dialect.SQLITE);
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsData() {
        try (CandleWriter w = db.candles().writer()) {
            w.addAll(minutes("EURUSD", ms("2024-01-03T10:00:00Z"), 5, 1.1), "a");
            w.commit();
        }
        Database again = Database.open("jdbc:sqlite:" + dir.resolve("sub/fxd.db"));
        assertThat(again.candles().count("EURUSD", com.forexdiffusion.core.Timeframe.M1)).isEqualTo(5);
    }

    @Test
    void anUnknownUrlIsAClearError() {
        assertThatThrownBy(() -> Database.open("mysql://host/db"))
                .isInstanceOf(FxdException.class)
                .hasMessageContaining("mysql://host/db")
                .hasMessageContaining("sqlite:PATH");
    }

    @Test
    void anUnwritablePathIsAClearError() throws Exception {
        Path file = dir.resolve("not-a-dir");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> Database.open("sqlite:" + file.resolve("fxd.db")))
                .isInstanceOf(FxdException.class)
                .hasMessageContaining("cannot open database")
                .hasMessageContaining("not-a-dir");
    }

    @Test
    void aLockedDatabaseFailsWithAClearErrorAndLosesNothing() throws Exception {
        try (CandleWriter w = db.candles().writer()) {
            w.addAll(minutes("EURUSD", ms("2024-01-03T10:00:00Z"), 5, 1.1), "a");
            w.commit();
        }
        // Another process (here: a second pool on the same file) holds the lock; this one's writer times out.
        try (Database other = Database.open("sqlite:" + dir.resolve("sub/fxd.db"));
             Connection holder = other.connection(); Statement s = holder.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> {
                try (CandleWriter w = db.candles().writer()) {
                    w.addAll(minutes("EURUSD", ms("2024-02-03T10:00:00Z"), 5, 1.1), "b");
                    w.commit();
                }
            }).isInstanceOf(FxdException.class).hasMessageContaining("locked").hasMessageContaining("fxd.db");
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(30);
            s.execute("ROLLBACK");
        }
        assertThat(db.candles().count("EURUSD", com.forexdiffusion.core.Timeframe.M1)).isEqualTo(5);
    }

    @Test
    void migrationMovesNewYorkBarsStoredUnderD1BeforeVersion11ToD1Ny() throws Exception {
        // What an older version left: UTC and New York close D1 bars mixed under D1 (blocks built by the writer).
        try (CandleWriter w = db.candles().writer()) {
            for (String t : new String[]{"2024-01-03T00:00:00Z", "2024-01-02T22:00:00Z", "2024-01-03T22:00:00Z"}) {
                w.add("EURUSD", com.forexdiffusion.core.Timeframe.D1, ms(t), 1.1, 1.2, 1.0, 1.15, 1, "resample:M1");
            }
            w.commit();
        }
        assertThat(db.candles().readAll("EURUSD", com.forexdiffusion.core.Timeframe.D1).size()).isEqualTo(3);
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            // Back to the history such a database had: 11.1 and every later migration not yet applied (the later
            // ones rebuild their tables from what is there, so they run again on the same rows).
            s.executeUpdate("DELETE FROM flyway_schema_history WHERE installed_rank >= "
                    + "(SELECT installed_rank FROM flyway_schema_history WHERE version = '11.1')");
        }
        db.close();
        try (Database again = Database.open("sqlite:" + dir.resolve("sub/fxd.db"))) {
            assertThat(again.candles().readAll("EURUSD", com.forexdiffusion.core.Timeframe.D1).timestamps())
                    .containsExactly(ms("2024-01-03T00:00:00Z"));
            assertThat(again.candles().readAll("EURUSD", com.forexdiffusion.core.Timeframe.D1_NY).timestamps())
                    .containsExactly(ms("2024-01-02T22:00:00Z"), ms("2024-01-03T22:00:00Z"));
        }
    }
}
