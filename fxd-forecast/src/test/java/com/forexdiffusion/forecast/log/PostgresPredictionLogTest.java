package com.forexdiffusion.forecast.log;

import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.store.Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prediction log contract on a real PostgreSQL server (127.0.0.1:5432, trust auth): each test gets a database of
 * its own with a random name, dropped afterwards. An unreachable server fails the test; it never skips.
 */
class PostgresPredictionLogTest extends PredictionLogContract {
    private TestPostgres pg;

    @Override
    Database openDatabase() {
        pg = TestPostgres.create();
        return pg.open();
    }

    @Test
    void runsOnPostgres() {
        assertThat(db.dialect()).isEqualTo(Dialect.POSTGRES);
    }

    @AfterEach
    void drop() {
        db.close();
        pg.close();
    }
}
