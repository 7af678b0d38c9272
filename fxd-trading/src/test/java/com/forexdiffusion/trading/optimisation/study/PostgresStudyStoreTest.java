package com.forexdiffusion.trading.optimisation.study;

import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.store.Dialect;
import com.forexdiffusion.trading.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The study store contract on a real PostgreSQL server: every database a test opens is its own, with a random name,
 * dropped afterwards; a name opened twice in one test is the same database (a resumed study).
 */
class PostgresStudyStoreTest extends StudyStoreContract {
    private final Map<String, TestPostgres> databases = new HashMap<>();
    private final List<Database> opened = new ArrayList<>();

    @Override
    Database open(String name) {
        Database db = databases.computeIfAbsent(name, n -> TestPostgres.create()).open();
        opened.add(db);
        return db;
    }

    @Test
    void runsOnPostgres() {
        assertThat(open("dialect").dialect()).isEqualTo(Dialect.POSTGRES);
    }

    @AfterEach
    void drop() {
        opened.forEach(Database::close);
        databases.values().forEach(TestPostgres::close);
    }
}
