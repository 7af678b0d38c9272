package com.forexdiffusion.app;

import com.forexdiffusion.data.store.Database;
import picocli.CommandLine.Option;

/** The {@code --db} option shared by every command that reads or writes the database. */
public final class DbOptions {
    @Option(names = "--db", paramLabel = "URL", defaultValue = "${FXD_DB:-sqlite:data/fxd.db}",
            description = "sqlite:PATH or jdbc:postgresql://HOST/DB (default: ${DEFAULT-VALUE})")
    public String url;

    public Database open() {
        return Database.open(url);
    }
}
