package com.forexdiffusion.forecast.log;

import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The prediction log contract on SQLite. */
class SqlitePredictionLogTest extends PredictionLogContract {
    @TempDir
    Path dir;

    @Override
    Database openDatabase() {
        return Database.open("sqlite:" + dir.resolve("fxd.db"));
    }
}
