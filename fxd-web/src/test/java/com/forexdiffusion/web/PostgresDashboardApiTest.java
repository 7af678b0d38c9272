package com.forexdiffusion.web;

import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.AfterAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The API contract on a real PostgreSQL server (127.0.0.1:5432, trust auth; .ci/run starts one), in a database of
 * its own that is dropped afterwards. An unreachable server fails the test: it never skips.
 */
class PostgresDashboardApiTest extends DashboardApiContract {
    static final String HOST = System.getProperty("fxd.pg.host", "127.0.0.1:5432");
    static final String ADMIN_URL = "jdbc:postgresql://" + HOST + "/postgres?user=postgres";
    private static final String NAME = "fxd_web_test_" + Long.toHexString(System.nanoTime());

    @Override
    Database open() throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL)) {
            admin(c, "DROP DATABASE IF EXISTS " + NAME);
            admin(c, "CREATE DATABASE " + NAME);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable at " + HOST + " as user postgres (" + e.getMessage()
                    + "). Start it (see .ci/run) before running the tests.", e);
        }
        return Database.open("jdbc:postgresql://" + HOST + "/" + NAME + "?user=postgres");
    }

    @AfterAll
    void drop() throws SQLException {
        stop();
        try (Connection c = DriverManager.getConnection(ADMIN_URL)) {
            admin(c, "DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
        }
    }

    private static void admin(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
