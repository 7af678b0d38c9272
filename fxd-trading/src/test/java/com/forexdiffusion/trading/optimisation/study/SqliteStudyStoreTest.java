package com.forexdiffusion.trading.optimisation.study;

import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The study store contract on SQLite. */
class SqliteStudyStoreTest extends StudyStoreContract {
    @TempDir
    Path dir;

    @Override
    Database open(String name) {
        return Database.open("sqlite:" + dir.resolve(name + ".db"));
    }
}
