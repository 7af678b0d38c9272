package com.forexdiffusion.trading.engine;

import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The forecast cache contract on SQLite. */
class SqliteForecastCacheTest extends ForecastCacheContract {
    @TempDir
    Path dir;

    @Override
    Database openDatabase() {
        return Database.open("sqlite:" + dir.resolve("cache.db"));
    }
}
