package com.forexdiffusion.data.store;

import com.forexdiffusion.core.FxdException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * An open database: SQLite (embedded default) or PostgreSQL, migrated to the current schema on open. Other
 * modules take their connections from here; nothing is held in static state.
 */
public final class Database implements AutoCloseable {
    static final int BUSY_TIMEOUT_MS = 5_000;

    private final String url;
    private final Dialect dialect;
    private final DataSource dataSource;
    private final CandleStore candles;

    private Database(String url, Dialect dialect, DataSource dataSource) {
        this.url = url;
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.candles = new JdbcCandleStore(this);
    }

    /**
     * Opens {@code sqlite:PATH} (also {@code jdbc:sqlite:PATH}) or {@code jdbc:postgresql://...} and applies
     * pending migrations. Failures name the URL (with any password masked) and the cause.
     */
    public static Database open(String url) {
        if (url == null || url.isBlank()) {
            throw new FxdException("no database URL given (use sqlite:PATH or jdbc:postgresql://HOST:PORT/DB)");
        }
        String u = url.trim();
        Database db;
        if (u.startsWith("sqlite:") || u.startsWith("jdbc:sqlite:")) {
            db = openSqlite(u, u.substring(u.indexOf("sqlite:") + "sqlite:".length()));
        } else if (u.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(u);
            ds.setConnectTimeout(10);
            ds.setReWriteBatchedInserts(true);
            db = new Database(u, Dialect.POSTGRES, ds);
        } else {
            throw new FxdException("unsupported database URL '" + masked(u)
                    + "' (use sqlite:PATH or jdbc:postgresql://HOST:PORT/DB)");
        }
        db.migrate();
        return db;
    }

    private static Database openSqlite(String url, String path) {
        if (path.isBlank()) {
            throw new FxdException("database URL '" + url + "' names no file (use sqlite:PATH)");
        }
        Path file = Path.of(path).toAbsolutePath();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new FxdException("cannot open database " + url + ": cannot create directory "
                    + file.getParent() + " (" + e.getMessage() + ")", e);
        }
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the last commit.
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
        cfg.enforceForeignKeys(true);
        cfg.setCacheSize(-65_536);
        cfg.setTempStore(SQLiteConfig.TempStore.MEMORY);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + file);
        return new Database(url, Dialect.SQLITE, ds);
    }

    /**
     * An SQLite database for throwaway state that one thread uses (the paper accounts of optimisation trials): one
     * connection is opened and kept, so the thousands of short transactions of a trial do not each pay for opening the
     * file and reading the schema, and nothing is synced to disk. A connection handed out closes to a rollback of
     * anything uncommitted, as a real close would, and the database closes the kept connection.
     */
    public static Database openScratch(Path file) {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.MEMORY);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
        cfg.enforceForeignKeys(true);
        cfg.setTempStore(SQLiteConfig.TempStore.MEMORY);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        Database db = new Database("sqlite:" + file, Dialect.SQLITE, new KeptConnection(ds));
        db.migrate();
        return db;
    }

    private void migrate() {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .placeholders(dialect.migrationPlaceholders())
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new FxdException("cannot open database " + masked(url) + ": " + rootMessage(e), e);
        }
    }

    /** A new connection (auto-commit on); the caller closes it. */
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw failure("cannot connect to", e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The URL as given, with any password masked: safe for messages and logs. */
    public String url() {
        return masked(url);
    }

    public CandleStore candles() {
        return candles;
    }

    /** Wraps a SQL failure in an error that names this database and the root cause. */
    public FxdException failure(String what, SQLException e) {
        return new FxdException(what + " database " + url() + ": " + rootMessage(e), e);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        String msg = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                msg = t.getMessage();
            }
        }
        return msg == null ? e.getClass().getSimpleName() : msg.strip();
    }

    static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]+:)[^@/]*@", "$1***@");
    }

    /** SQLite and PostgreSQL keep no pooled resources here (connections are closed by their users), a scratch one its kept connection. */
    @Override
    public void close() {
        if (dataSource instanceof KeptConnection k) {
            k.closeKept();
        }
    }
}
