package com.forexdiffusion.web;

import com.forexdiffusion.data.store.Database;

import java.nio.file.Files;

/** The API contract on the embedded SQLite store. */
class SqliteDashboardApiTest extends DashboardApiContract {
    @Override
    Database open() throws Exception {
        return Database.open("sqlite:" + Files.createTempDirectory("fxd-web-api").resolve("fxd.db"));
    }
}
