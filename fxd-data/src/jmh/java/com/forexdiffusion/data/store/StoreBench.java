package com.forexdiffusion.data.store;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * SQLite candle store throughput: upsert of 200 000 M1 bars in one transaction and a full range read of them.
 * Scores are per bar (ops = bars). Run: see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class StoreBench {
    static final int BARS = 200_000;
    private Path dir;
    private Database db;
    private BarSeries bars;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("fxd-store-bench");
        db = Database.open("sqlite:" + dir.resolve("bench.db"));
        bars = new SyntheticGenerator(SyntheticConfig.defaults(1))
                .generate("EURUSD", Instant.parse("2020-01-06T00:00:00Z").toEpochMilli(), 300)
                .slice(0, BARS);
        try (CandleWriter w = db.candles().writer()) {
            w.addAll(bars, "bench");
            w.commit();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Setup(Level.Invocation)
    public void clearInsertTarget() {
        db.candles().delete("GBPUSD", Timeframe.M1);
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public long upsert() {
        try (CandleWriter w = db.candles().writer()) {
            for (int i = 0; i < bars.size(); i++) {
                w.add("GBPUSD", Timeframe.M1, bars.ts(i), bars.open(i), bars.high(i), bars.low(i), bars.close(i),
                        bars.volume(i), "bench");
            }
            w.commit();
            return w.added();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public BarSeries readRange() {
        return db.candles().readAll("EURUSD", Timeframe.M1);
    }
}
