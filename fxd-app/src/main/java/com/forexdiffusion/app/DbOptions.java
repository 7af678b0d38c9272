package com.forexdiffusion.app;

import com.forexdiffusion.data.store.Database;
import picocli.CommandLine.Option;

/** The {@code --db} option shared by every command that reads or writes the database. */
public final class DbOptions {
    @Option(names = "--db", paramLabel = "URL", defaultValue = "${FXD_DB:-sqlite:data/fxd.db}",
            description = "sqlite:PATH or jdbc:postgresql://HOST/DB?user=U (default: FXD_DB when set, else "
                    + "sqlite:data/fxd.db).")
    public String url;

    /** For commands that write (import, synth, resample, ...): a missing SQLite file is created. */
    public Database open() {
        return Database.open(url);
    }

    /** For commands that read stored data: a SQLite path whose directory or file is missing is an error. */
    public Database openExisting() {
        return Database.openExisting(url);
    }
}
