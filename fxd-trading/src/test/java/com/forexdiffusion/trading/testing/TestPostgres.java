package com.forexdiffusion.trading.testing;

import com.forexdiffusion.data.store.Database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A PostgreSQL database of one test, with a random name so that concurrent test runs never share one; closing drops
 * it (with FORCE, so that connections a test left open do not keep it alive).
 */
public final class TestPostgres implements AutoCloseable {
    public static final String HOST = System.getProperty("fxd.pg.host", "127.0.0.1:5432");
    private static final String ADMIN = "jdbc:postgresql://" + HOST + "/postgres?user=postgres";
    private final String name;

    private TestPostgres(String name) {
        this.name = name;
    }

    public static TestPostgres create() {
        TestPostgres pg = new TestPostgres("fxd_t_" + UUID.randomUUID().toString().replace("-", ""));
        pg.admin("CREATE DATABASE " + pg.name);
        return pg;
    }

    public String url() {
        return "jdbc:postgresql://" + HOST + "/" + name + "?user=postgres";
    }

    public Database open() {
        return Database.open(url());
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL at " + HOST + " as user postgres: " + sql + " failed ("
                    + e.getMessage() + "); start the server (see .ci/run) before running the tests", e);
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
