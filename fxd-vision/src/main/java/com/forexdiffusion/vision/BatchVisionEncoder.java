package com.forexdiffusion.vision;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Encodes many windows of one series into a caller-owned NCHW float array, on the calling thread or split
 * across an executor's threads. Each thread slot has its own {@link VisionEncoder}, so steady-state batches
 * allocate nothing per window.
 */
public final class BatchVisionEncoder {
    private final VisionConfig cfg;
    private final VisionEncoder[] encoders;
    private final ExecutorService executor;

    /**
     * @param threads  thread slots (1 = everything on the calling thread)
     * @param executor runs the slots when threads > 1; owned by the caller, who shuts it down
     */
    public BatchVisionEncoder(VisionConfig cfg, int threads, ExecutorService executor) {
        if (threads < 1) {
            throw BadInputException.ofField("threads", "at least one thread, got " + threads);
        }
        if (threads > 1 && executor == null) {
            throw new IllegalArgumentException("an executor is needed for " + threads + " threads");
        }
        this.cfg = cfg;
        this.executor = executor;
        this.encoders = new VisionEncoder[threads];
        for (int i = 0; i < threads; i++) {
            encoders[i] = new VisionEncoder(cfg);
        }
    }

    public BatchVisionEncoder(VisionConfig cfg) {
        this(cfg, 1, null);
    }

    public VisionConfig config() {
        return cfg;
    }

    /**
     * Encodes the windows ending at {@code ends[0..count)} into {@code out}, image k at k · 3 · H · W.
     * {@code out} must hold count images.
     */
    public void encode(BarSeries series, int[] ends, int count, float[] out) {
        int img = cfg.imageFloats();
        if (out.length < (long) count * img) {
            throw BadInputException.ofField("out", "buffer of " + out.length + " floats cannot hold " + count
                    + " images of " + img);
        }
        int slots = Math.min(encoders.length, count);
        if (slots <= 1) {
            for (int k = 0; k < count; k++) {
                encoders[0].encode(series, ends[k], out, k * img);
            }
            return;
        }
        List<Future<?>> parts = new ArrayList<>(slots);
        for (int s = 0; s < slots; s++) {
            int from = (int) ((long) count * s / slots);
            int to = (int) ((long) count * (s + 1) / slots);
            VisionEncoder enc = encoders[s];
            parts.add(executor.submit(() -> {
                for (int k = from; k < to; k++) {
                    enc.encode(series, ends[k], out, k * img);
                }
            }));
        }
        for (Future<?> f : parts) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new FxdException("vision encoding failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FxdException("vision encoding interrupted", e);
            }
        }
    }
}
