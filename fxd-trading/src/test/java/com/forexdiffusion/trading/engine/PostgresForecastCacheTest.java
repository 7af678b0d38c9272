package com.forexdiffusion.trading.engine;

import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.store.Dialect;
import com.forexdiffusion.trading.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The forecast cache contract on a real PostgreSQL server, a database with a random name per test. */
class PostgresForecastCacheTest extends ForecastCacheContract {
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
