package com.forexdiffusion.data.store;

import com.forexdiffusion.core.FxdException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
 *
 * <p>Connections are pooled (HikariCP), so taking one costs a pool checkout, not opening a file or a socket.
 * SQLite allows one writer at a time, so its pool for {@link #connection()} holds exactly one connection (in WAL
 * mode): writers of this process queue for it instead of failing with SQLITE_BUSY, and readers take
 * {@link #readConnection()} from a second pool of query-only connections that never wait for the writer. On
 * PostgreSQL both come from one pool. A thread that holds the SQLite write connection and asks for it again gets an
 * {@link IllegalStateException} at once (it would otherwise wait for itself): pass the connection it holds down, or
 * read through {@link #readConnection()}.
 */
public final class Database implements AutoCloseable {
    static final int BUSY_TIMEOUT_MS = 5_000;
    /** How long a writer waits for the one SQLite write connection (a long import may hold it). */
    static final long WRITE_WAIT_MS = 120_000;
    static final int SQLITE_READERS = 4;
    static final int POSTGRES_POOL = 8;

    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final String url;
    private final Dialect dialect;
    private final DataSource writes;
    private final DataSource reads;
    private final boolean singleWriter;
    /** The thread that holds the one SQLite write connection, null when it is in the pool. */
    private volatile Thread writerOwner;
    private final CandleStore candles;

    private Database(String url, Dialect dialect, DataSource writes, DataSource reads, boolean singleWriter) {
        this.url = url;
        this.dialect = dialect;
        this.writes = writes;
        this.reads = reads;
        this.singleWriter = singleWriter;
        this.candles = new JdbcCandleStore(this);
    }

    /**
     * Opens {@code sqlite:PATH} (also {@code jdbc:sqlite:PATH}) or {@code jdbc:postgresql://...} and applies
     * pending migrations; a missing SQLite file (and its directory) is created. Commands that only read use
     * {@link #openExisting}. Failures name the URL (with any password masked) and the cause.
     */
    public static Database open(String url) {
        return open(url, true);
    }

    /**
     * Opens a database that must already exist: a SQLite path whose directory or file is missing is an error naming
     * it, never a new empty database (PostgreSQL reports a missing database itself).
     */
    public static Database openExisting(String url) {
        return open(url, false);
    }

    private static Database open(String url, boolean create) {
        if (url == null || url.isBlank()) {
            throw new FxdException("no database URL given (use sqlite:PATH or jdbc:postgresql://HOST:PORT/DB)");
        }
        String u = url.trim();
        if (u.startsWith("sqlite:") || u.startsWith("jdbc:sqlite:")) {
            return openSqlite(u, u.substring(u.indexOf("sqlite:") + "sqlite:".length()), create);
        } else if (u.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(u);
            ds.setConnectTimeout(10);
            ds.setReWriteBatchedInserts(true);
            migrate(u, Dialect.POSTGRES, ds);
            HikariDataSource pool = pool(u, ds, "fxd-pg", POSTGRES_POOL, 1, null);
            return new Database(u, Dialect.POSTGRES, pool, pool, false);
        }
        throw new FxdException("unsupported database URL '" + masked(u)
                + "' (use sqlite:PATH or jdbc:postgresql://HOST:PORT/DB)");
    }

    private static Database openSqlite(String url, String path, boolean create) {
        if (path.isBlank()) {
            throw new FxdException("database URL '" + url + "' names no file (use sqlite:PATH)");
        }
        Path file = Path.of(path).toAbsolutePath();
        if (!create) {
            mustExist(url, file);
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new FxdException("cannot open database " + url + ": cannot create directory "
                    + file.getParent() + " (" + e.getMessage() + ")", e);
        }
        SQLiteDataSource ds = sqliteSource(file);
        migrate(url, Dialect.SQLITE, ds);
        HikariDataSource writer = pool(url, ds, "fxd-sqlite-write", 1, 1, null);
        HikariDataSource readers;
        try {
            readers = pool(url, ds, "fxd-sqlite-read", SQLITE_READERS, 0, "PRAGMA query_only = 1");
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
        return new Database(url, Dialect.SQLITE, writer, readers, true);
    }

    private static void mustExist(String url, Path file) {
        Path dir = file.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new FxdException("database " + url + " does not exist: no directory " + dir
                    + " (check --db; only import, synth and other writing commands create a database)");
        }
        if (!Files.isRegularFile(file)) {
            throw new FxdException("database " + url + " does not exist: no file " + file
                    + " (check --db; only import, synth and other writing commands create a database)");
        }
    }

    /** A fresh, unpooled SQLite data source with this project's settings: what a pool opens its connections from. */
    static SQLiteDataSource sqliteSource(Path file) {
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
        return ds;
    }

    private static HikariDataSource pool(String url, DataSource source, String name, int max, int minIdle,
                                         String initSql) {
        HikariConfig cfg = new HikariConfig();
        cfg.setDataSource(source);
        cfg.setPoolName(name);
        cfg.setMaximumPoolSize(max);
        cfg.setMinimumIdle(minIdle);
        cfg.setConnectionTimeout(WRITE_WAIT_MS);
        if (minIdle < max) {
            cfg.setIdleTimeout(60_000);
        }
        cfg.setAutoCommit(true);
        if (initSql != null) {
            cfg.setConnectionInitSql(initSql);
        }
        try {
            return new HikariDataSource(cfg);
        } catch (RuntimeException e) {
            throw new FxdException("cannot open database " + masked(url) + ": " + rootMessage(e), e);
        }
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
        KeptConnection kept = new KeptConnection(ds);
        migrate("sqlite:" + file, Dialect.SQLITE, kept);
        return new Database("sqlite:" + file, Dialect.SQLITE, kept, kept, false);
    }

    private static void migrate(String url, Dialect dialect, DataSource source) {
        try {
            Flyway.configure()
                    .dataSource(source)
                    .locations("classpath:db/migration")
                    .placeholders(dialect.migrationPlaceholders())
                    .javaMigrations(new V11_1__NewYorkAlignedTimeframes(), new V15__CandleSpreads())
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new FxdException("cannot open database " + masked(url) + ": " + rootMessage(e), e);
        }
    }

    /**
     * A connection for writing (and reading), auto-commit on; the caller closes it, which returns it to the pool (an
     * uncommitted transaction is rolled back). On SQLite this is the one write connection: hold it only as long as
     * the transaction lasts, and do not ask for it again on the same thread while holding it.
     */
    public Connection connection() {
        if (!singleWriter) {
            return take(writes, "cannot connect to");
        }
        Thread me = Thread.currentThread();
        if (writerOwner == me) {
            throw new IllegalStateException("this thread already holds the write connection of database " + url()
                    + "; use the connection it holds (or readConnection() for reads) instead of asking again");
        }
        Connection c = take(writes, "cannot connect to");
        writerOwner = me;
        return WriterHandle.wrap(c, () -> writerOwner = null);
    }

    /**
     * A connection for queries only (auto-commit on; on SQLite writes through it fail as query-only): it never waits
     * for a writer, so readers run beside an open write transaction and see the last committed state.
     */
    public Connection readConnection() {
        return take(reads, "cannot connect to");
    }

    /**
     * Runs {@code work} in one transaction on a write connection: committed when it returns, rolled back when it
     * throws (a SQL failure becomes an FxdException naming this database; other exceptions pass through).
     */
    public <T> T transaction(Work<T> work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("cannot write to", e);
        }
    }

    private Connection take(DataSource source, String what) {
        try {
            return source.getConnection();
        } catch (SQLException e) {
            throw failure(what, e);
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

    /** The URL with any password replaced by ***: what may appear in a message or a log. */
    public static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]+:)[^@/]*@", "$1***@");
    }

    /** Closes the pools (their connections; ones still handed out close when returned), or a scratch one's kept connection. */
    @Override
    public void close() {
        if (reads instanceof HikariDataSource h && reads != writes) {
            h.close();
        }
        if (writes instanceof HikariDataSource h) {
            h.close();
        }
        if (writes instanceof KeptConnection k) {
            k.closeKept();
        }
    }
}
