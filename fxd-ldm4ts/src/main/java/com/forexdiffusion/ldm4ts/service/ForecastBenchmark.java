package com.forexdiffusion.ldm4ts.service;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.ldm4ts.model.Batch;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.model.WindowFeatures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Latency and throughput of a loaded model (SPEC §5): one window with S samples after warm-up (p50/p95/p99),
 * batches of windows for backtests, and where one forecast's time goes.
 */
public final class ForecastBenchmark {
    private ForecastBenchmark() {
    }

    /** Milliseconds per part of one forecast (medians), summing to about its latency. */
    public record Breakdown(double features, double vaeEncode, double conditioning, double unet, int unetSteps,
                            double fusionAndCopy) {
    }

    public record Result(int samples, double p50, double p95, double p99, double batch32PerS, double batch128PerS,
                         Breakdown breakdown, int runs) {
    }

    /**
     * @param bars a series of the model's timeframe, long enough for {@code 128 + lookback} windows
     */
    public static Result run(Ldm4tsForecaster f, BarSeries bars, int samples, int warmup, int runs, boolean batches) {
        List<Horizon> hs = f.horizons();
        int l = f.lookback();
        int n = bars.size();
        if (n < l + 128) {
            throw new IllegalArgumentException("the benchmark needs " + (l + 128) + " bars, got " + n);
        }
        for (int i = 0; i < warmup; i++) {
            f.forecast(request(bars, n - 1 - i, l, hs, samples, i));
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            f.forecast(request(bars, n - 1 - (i % 64), l, hs, samples, 1000 + i));
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double b32 = batches ? throughput(f, bars, 32, samples) : Double.NaN;
        double b128 = batches ? throughput(f, bars, 128, samples) : Double.NaN;
        return new Result(samples, pct(ms, 0.50), pct(ms, 0.95), pct(ms, 0.99), b32, b128,
                breakdown(f, bars, samples, Math.max(5, runs / 4)), runs);
    }

    private static double throughput(Ldm4tsForecaster f, BarSeries bars, int batch, int samples) {
        List<ForecastRequest> rs = new ArrayList<>();
        int l = f.lookback();
        for (int i = 0; i < batch; i++) {
            rs.add(request(bars, bars.size() - 1 - i, l, f.horizons(), samples, i));
        }
        f.forecastBatch(rs);
        long t0 = System.nanoTime();
        f.forecastBatch(rs);
        return batch / ((System.nanoTime() - t0) / 1e9);
    }

    private static Breakdown breakdown(Ldm4tsForecaster f, BarSeries bars, int samples, int runs) {
        Ldm4tsModel model = f.model();
        WindowFeatures wf = new WindowFeatures(f.config(), model.tokenizer());
        double[] feat = new double[runs];
        double[] vae = new double[runs];
        double[] cond = new double[runs];
        double[] unet = new double[runs];
        double[] fus = new double[runs];
        int steps = 0;
        for (int i = 0; i < runs; i++) {
            int end = bars.size() - 1 - i;
            long t0 = System.nanoTime();
            Batch b = wf.build(List.of(bars.slice(end - f.lookback() + 1, end + 1)));
            long t1 = System.nanoTime();
            Ldm4tsModel.Timings t = new Ldm4tsModel.Timings();
            try (NDScope scope = new NDScope()) {
                NDArray z = model.encodeMean(model.images(model.manager(), b))
                        .mul((float) f.config().normalisation().latentScale());
                z.toFloatArray();
                long t2 = System.nanoTime();
                model.sample(model.manager(), b, z, samples, new long[] {i}, t);
                vae[i] = (t2 - t1) / 1e6;
            }
            feat[i] = (t1 - t0) / 1e6;
            cond[i] = t.conditioning / 1e6;
            unet[i] = t.unet / 1e6;
            fus[i] = t.fusion / 1e6;
            steps = t.unetSteps;
        }
        return new Breakdown(median(feat), median(vae), median(cond), median(unet), steps, median(fus));
    }

    private static ForecastRequest request(BarSeries bars, int end, int l, List<Horizon> hs, int samples, long seed) {
        return new ForecastRequest(bars.slice(end - l + 1, end + 1), hs, samples, seed, false);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
