package com.forexdiffusion.vision;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.vision.benchmark.VisionBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One-thread batch encoding, L = 100; ops are windows. With {@code -prof gc}, gc.alloc.rate.norm is the bytes
 * allocated per window.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class VisionBench {
    static final int BATCH = 128;

    @Param({"64", "224"})
    int size;

    private BarSeries series;
    private BatchVisionEncoder encoder;
    private float[] out;
    private final int[] ends = new int[BATCH];
    private int next;

    @Setup
    public void setUp() {
        series = VisionBenchmark.randomWalk(20_000, 1);
        VisionConfig cfg = VisionConfig.square(100, size);
        encoder = new BatchVisionEncoder(cfg);
        out = new float[BATCH * cfg.imageFloats()];
        next = 99;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[] encodeBatch() {
        for (int k = 0; k < BATCH; k++) {
            ends[k] = next;
            next = next + 1 < series.size() ? next + 1 : 99;
        }
        encoder.encode(series, ends, BATCH, out);
        return out;
    }
}
