package com.forexdiffusion.vision.benchmark;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.vision.BatchVisionEncoder;
import com.forexdiffusion.vision.VisionConfig;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/**
 * Single-thread encoding throughput at 64×64 and 224×224 (L = 100), and the bytes the batch form allocates per
 * window in steady state, measured by the JVM's per-thread allocation counter.
 */
public final class VisionBenchmark {
    private VisionBenchmark() {
    }

    public record Result(double windowsPerS64, double windowsPerS224, double bytesPerWindow) {
    }

    public static Result run(double secondsPerSize, ProgressListener progress) {
        BarSeries s = randomWalk(20_000, 1);
        double w64 = throughput(s, VisionConfig.compact(), secondsPerSize);
        progress.update(1, 3);
        double w224 = throughput(s, VisionConfig.paper(), secondsPerSize);
        progress.update(2, 3);
        double bytes = bytesPerWindow(s, VisionConfig.compact());
        progress.update(3, 3);
        return new Result(w64, w224, bytes);
    }

    static double throughput(BarSeries s, VisionConfig cfg, double seconds) {
        int batch = 256;
        BatchVisionEncoder enc = new BatchVisionEncoder(cfg);
        float[] out = new float[batch * cfg.imageFloats()];
        int[] ends = new int[batch];
        // Warm-up: let the JIT compile the hot loops before timing.
        long warmEnd = System.nanoTime() + (long) (seconds * 0.3e9);
        int next = cfg.window() - 1;
        while (System.nanoTime() < warmEnd) {
            next = fill(ends, next, s.size(), cfg.window());
            enc.encode(s, ends, batch, out);
        }
        long windows = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            next = fill(ends, next, s.size(), cfg.window());
            enc.encode(s, ends, batch, out);
            windows += batch;
        }
        return windows / ((System.nanoTime() - t0) / 1e9);
    }

    static double bytesPerWindow(BarSeries s, VisionConfig cfg) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int batch = 256;
        BatchVisionEncoder enc = new BatchVisionEncoder(cfg);
        float[] out = new float[batch * cfg.imageFloats()];
        int[] ends = new int[batch];
        int next = cfg.window() - 1;
        for (int i = 0; i < 20; i++) {
            next = fill(ends, next, s.size(), cfg.window());
            enc.encode(s, ends, batch, out);
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        int rounds = 40;
        for (int i = 0; i < rounds; i++) {
            next = fill(ends, next, s.size(), cfg.window());
            enc.encode(s, ends, batch, out);
        }
        long after = mx.getCurrentThreadAllocatedBytes();
        return (after - before) / (double) (rounds * batch);
    }

    private static int fill(int[] ends, int next, int size, int window) {
        for (int k = 0; k < ends.length; k++) {
            ends[k] = next;
            next = next + 1 < size ? next + 1 : window - 1;
        }
        return next;
    }

    /** A seeded random walk with OHLCV bars, enough to exercise every view. */
    public static BarSeries randomWalk(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M5, n);
        double p = 1.1;
        for (int i = 0; i < n; i++) {
            double o = p;
            p *= Math.exp(3e-4 * r.nextGaussian());
            b.add(i * 300_000L, o, Math.max(o, p) + 2e-5, Math.min(o, p) - 2e-5, p, 10 + r.nextInt(50));
        }
        return b.build();
    }
}
