package com.forexdiffusion.data.benchmark;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.importer.CandleFormat;
import com.forexdiffusion.data.importer.CandleImporter;
import com.forexdiffusion.data.importer.ImportOptions;
import com.forexdiffusion.data.importer.ImportResult;
import com.forexdiffusion.data.store.ConnectionBenchmark;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * End-to-end throughput of the data path on this machine: parsing a HistData M1 file, importing it into a
 * fresh SQLite database (parse, validate, store), reading the stored range back into a BarSeries, and a one-row
 * write transaction on a newly opened connection against the pooled one ({@link ConnectionBenchmark}). Each
 * figure is the best of several runs after one warm-up, so that JIT compilation is not what gets measured.
 */
public final class DataBenchmark {
    private DataBenchmark() {
    }

    /**
     * @param connectionOpenMicros   a one-row write transaction on a newly opened SQLite connection (before the pool)
     * @param pooledConnectionMicros the same transaction on the pooled write connection
     */
    public record Result(long rows, double importRowsPerS, double parseRowsPerS, double readBarsPerS,
                         double connectionOpenMicros, double pooledConnectionMicros) {
    }

    /** One-row write transactions timed for the connection figures. */
    static final int CONNECTION_TRANSACTIONS = 500;

    public static Result run(int rows, Path workDir, ProgressListener progress) {
        try {
            Files.createDirectories(workDir);
            Path csv = workDir.resolve("DAT_ASCII_EURUSD_M1_BENCH.csv");
            int days = (int) Math.ceil(rows / 1440.0 * 7 / 5) + 3;
            BarSeries bars = new SyntheticGenerator(SyntheticConfig.defaults(1))
                    .generate("EURUSD", Instant.parse("2015-01-05T00:00:00Z").toEpochMilli(), days);
            writeHistData(bars.slice(0, Math.min(rows, bars.size())), csv);
            long n = Math.min(rows, bars.size());
            ImportOptions opts = ImportOptions.defaults().withFormat(CandleFormat.HISTDATA).withSymbol("EURUSD")
                    .withTimeframe(Timeframe.M1);
            int step = 0;
            int steps = 3 + 3 + 5 + 1;

            double parse = 0;
            for (int r = 0; r < 3; r++) {
                long t0 = System.nanoTime();
                long got = CandleImporter.parse(csv, opts, (line, ts, o, h, l, c, v) -> { });
                parse = Math.max(parse, got / seconds(t0));
                progress.update(++step, steps);
            }

            double imp = 0;
            Path dbFile = null;
            for (int r = 0; r < 3; r++) {
                dbFile = workDir.resolve("bench-" + r + ".db");
                deleteDb(dbFile);
                try (Database db = Database.open("sqlite:" + dbFile)) {
                    long t0 = System.nanoTime();
                    ImportResult res = new CandleImporter(InstrumentCatalog.builtIn(), db.candles())
                            .importFiles(List.of(csv), opts, ProgressListener.NONE);
                    imp = Math.max(imp, res.rowsStored() / seconds(t0));
                }
                progress.update(++step, steps);
            }

            double read = 0;
            try (Database db = Database.open("sqlite:" + dbFile)) {
                for (int r = 0; r < 5; r++) {
                    long t0 = System.nanoTime();
                    BarSeries back = db.candles().readAll("EURUSD", Timeframe.M1);
                    read = Math.max(read, back.size() / seconds(t0));
                    if (back.size() != n) {
                        throw new IllegalStateException("read " + back.size() + " bars, stored " + n);
                    }
                    progress.update(++step, steps);
                }
            }
            ConnectionBenchmark.Result conn = ConnectionBenchmark.run(workDir.resolve("bench-connections.db"),
                    CONNECTION_TRANSACTIONS);
            progress.update(++step, steps);
            return new Result(n, imp, parse, read, conn.unpooledMicros(), conn.pooledMicros());
        } catch (IOException e) {
            throw new FxdException("benchmark failed in " + workDir + ": " + e.getMessage(), e);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void deleteDb(Path db) throws IOException {
        for (String suffix : new String[]{"", "-wal", "-shm"}) {
            Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
        }
    }

    /** HistData "Generic ASCII" M1: EST without daylight saving (UTC−5), six-decimal prices. */
    static void writeHistData(BarSeries bars, Path file) throws IOException {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMdd HHmmss", Locale.ROOT)
                .withZone(ZoneOffset.ofHours(-5));
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < bars.size(); i++) {
                w.write(f.format(Instant.ofEpochMilli(bars.ts(i))));
                w.write(String.format(Locale.ROOT, ";%.6f;%.6f;%.6f;%.6f;0%n", bars.open(i), bars.high(i),
                        bars.low(i), bars.close(i)));
            }
        }
    }

    /** Removes the benchmark's files. */
    public static void clean(Path workDir) {
        if (!Files.isDirectory(workDir)) {
            return;
        }
        try (Stream<Path> s = Files.list(workDir)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(workDir);
        } catch (IOException e) {
            throw new FxdException("cannot clean " + workDir + ": " + e.getMessage(), e);
        }
    }
}
