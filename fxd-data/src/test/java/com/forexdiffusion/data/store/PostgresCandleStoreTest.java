package com.forexdiffusion.data.store;

import com.forexdiffusion.core.FxdException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The same contract against a real PostgreSQL server (127.0.0.1:5432, trust auth; .ci/run starts one). Each test
 * gets a database of its own that is dropped afterwards. An unreachable server fails the test: it never skips.
 */
class PostgresCandleStoreTest extends CandleStoreContract {
    static final String HOST = System.getProperty("fxd.pg.host", "127.0.0.1:5432");
    static final String ADMIN_URL = "jdbc:postgresql://" + HOST + "/postgres?user=postgres";
    private static final String NAME = "fxd_test_" + Long.toHexString(System.nanoTime());
    private Database db;

    @BeforeAll
    static void serverMustBeUp() {
        try (Connection c = DriverManager.getConnection(ADMIN_URL)) {
            assertThat(c.isValid(5)).isTrue();
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable at " + HOST + " as user postgres (" + e.getMessage()
                    + "). Start it (see .ci/run) before running the tests.", e);
        }
    }

    @BeforeEach
    void create() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + NAME);
        admin("CREATE DATABASE " + NAME);
        db = Database.open("jdbc:postgresql://" + HOST + "/" + NAME + "?user=postgres");
    }

    @AfterEach
    void drop() throws SQLException {
        db.close();
        admin("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
    }

    @AfterAll
    static void cleanup() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    Database database() {
        return db;
    }

    @Test
    void dialectIsPostgres() {
        assertThat(db.dialect()).isEqualTo(Dialect.POSTGRES);
    }

    @Test
    void anUnreachableServerIsAClearErrorWithoutThePassword() {
        assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:1/x?user=u&password=secret"))
                .isInstanceOf(FxdException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("secret");
    }

    @Test
    void transactionAndReadConnectionWorkOnThePool() throws SQLException {
        String insert = "INSERT INTO backtest_runs (run_id, symbol, timeframe, forecaster, data_from, data_to, seed, "
                + "code_version, config_json, status, started_at) VALUES (?, 'EURUSD', 'M5', 'rw', 0, 1, 1, 'x', '{}', "
                + "'running', 0)";
        db.transaction(c -> {
            try (var ps = c.prepareStatement(insert)) {
                ps.setString(1, "kept");
                return ps.executeUpdate();
            }
        });
        assertThatThrownBy(() -> db.transaction(c -> {
            try (var ps = c.prepareStatement(insert)) {
                ps.setString(1, "dropped");
                ps.executeUpdate();
            }
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        // Several connections at once from the pool, none of them refused.
        try (Connection a = db.connection(); Connection b = db.connection(); Connection r = db.readConnection();
             Statement s = r.createStatement(); var rs = s.executeQuery("SELECT run_id FROM backtest_runs")) {
            assertThat(a.isValid(1) && b.isValid(1)).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("kept");
            assertThat(rs.next()).isFalse();
        }
    }
}
