package com.forexdiffusion.data.importer;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Parse-only speed on HistData M1 lines (SPEC: at least 1 000 000 rows/s on one core). The score is rows
 * per second. Run: {@code ./mvnw -Pjmh -pl fxd-data test-compile exec:exec -Djmh.args="ParseBench"}, or
 * for a quick figure without JMH run {@link #main} with the test classpath.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBench {
    static final int ROWS = 1_000_000;

    private Path file;
    private ImportOptions options;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("DAT_ASCII_EURUSD_M1_bench", ".csv");
        writeHistData(file, ROWS, 42);
        options = ImportOptions.defaults().withFormat(CandleFormat.HISTDATA);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void parseHistData(Blackhole bh) {
        CandleImporter.parse(file, options, (line, ts, o, h, l, c, v) -> {
            bh.consume(ts);
            bh.consume(c);
        });
    }

    /** A random-walk HistData file: realistic prices written with 6 decimals, one row per minute. */
    static void writeHistData(Path path, int rows, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        long t = java.time.LocalDateTime.of(2017, 1, 2, 2, 0).toEpochSecond(java.time.ZoneOffset.UTC);
        double p = 1.05;
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd HHmmss");
        try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < rows; i++) {
                double o = p;
                double c = Math.max(0.5, o + rnd.nextDouble(-3e-4, 3e-4));
                double h = Math.max(o, c) + rnd.nextDouble(0, 2e-4);
                double l = Math.min(o, c) - rnd.nextDouble(0, 2e-4);
                w.write(java.time.LocalDateTime.ofEpochSecond(t + i * 60L, 0, java.time.ZoneOffset.UTC).format(f));
                w.write(String.format(Locale.ROOT, ";%.6f;%.6f;%.6f;%.6f;0%n", o, h, l, c));
                p = c;
            }
        }
    }

    /** Quick measurement without JMH: best of several passes over a generated file. */
    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        Path path = Files.createTempFile("DAT_ASCII_EURUSD_M1_quick", ".csv");
        try {
            writeHistData(path, rows, 7);
            ImportOptions o = ImportOptions.defaults().withFormat(CandleFormat.HISTDATA);
            double[] sum = new double[1];
            double best = 0;
            for (int pass = 0; pass < 10; pass++) {
                long t0 = System.nanoTime();
                long n = CandleImporter.parse(path, o, (line, ts, op, h, l, c, v) -> sum[0] += c + ts);
                double rate = n / ((System.nanoTime() - t0) / 1e9);
                best = Math.max(best, rate);
                System.out.printf(Locale.ROOT, "pass %d: %,d rows, %,.0f rows/s%n", pass, n, rate);
            }
            System.out.printf(Locale.ROOT, "best: %,.0f rows/s (%,d bytes, checksum %.3f)%n", best, Files.size(path),
                    sum[0]);
        } finally {
            Files.deleteIfExists(path);
        }
    }
}
