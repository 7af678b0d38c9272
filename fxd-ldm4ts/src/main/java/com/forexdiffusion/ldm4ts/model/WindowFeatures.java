package com.forexdiffusion.ldm4ts.model;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.ldm4ts.conditioning.Tokenizer;
import com.forexdiffusion.ldm4ts.conditioning.WindowDescription;
import com.forexdiffusion.vision.BatchVisionEncoder;

/**
 * Turns windows of a bar series into a {@link Batch}: the vision image, the scaled lookback returns, the
 * frequency conditioner's inputs and the description tokens. A window ending at t reads bars t − L + 1 … t only.
 */
public final class WindowFeatures {
    private final Ldm4tsConfig config;
    private final BatchVisionEncoder vision;
    private final WindowDescription describer = WindowDescription.fx();
    private final Tokenizer tokenizer;
    private final double returnMean;
    private final double returnStd;
    /** Bars per horizon, for the session profile ahead. */
    private final int[] horizonBars;

    public WindowFeatures(Ldm4tsConfig config, Tokenizer tokenizer) {
        if (config.normalisation() == null) {
            throw new IllegalStateException("the model's normalisation is not fitted");
        }
        this.config = config;
        this.vision = new BatchVisionEncoder(config.vision());
        this.tokenizer = tokenizer;
        this.returnMean = config.normalisation().returnMean();
        this.returnStd = config.normalisation().returnStd();
        this.horizonBars = config.horizonList().stream().mapToInt(h -> h.bars(config.timeframeKind())).toArray();
    }

    public Batch build(BarSeries series, int[] ends, int count) {
        return build(series, ends, count, true);
    }

    /** One window per series, each ending at the series' last bar (the forecast service's case). */
    public Batch build(java.util.List<BarSeries> windows) {
        int n = windows.size();
        int imageFloats = config.vision().imageFloats();
        float[] images = new float[n * imageFloats];
        float[][] lookback = new float[n][];
        float[][] frequency = new float[n][];
        int[][] tokens = new int[n][];
        double[] last = new double[n];
        double[][] scale = new double[n][];
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            BarSeries w = windows.get(i);
            Batch one = build(w, new int[] {w.size() - 1}, 1);
            System.arraycopy(one.images(), 0, images, i * imageFloats, imageFloats);
            lookback[i] = one.lookback()[0];
            frequency[i] = one.frequency()[0];
            tokens[i] = one.tokens()[0];
            last[i] = one.lastClose()[0];
            scale[i] = one.scale()[0];
            ends[i] = one.ends()[0];
        }
        return new Batch(n, ends, images, lookback, frequency, tokens, last, scale);
    }

    /**
     * RevIN: divides the window's returns (the lookback and the frequency conditioner's copy) by its instance scale and,
     * for a session-scaled model, each bar by its half hour's factor.
     *
     * @return per horizon, the factor that multiplies the forecast back (ones without instance normalisation)
     */
    private double[] standardise(BarSeries series, int end, float[] lookback, float[] frequency) {
        int h = config.horizons().size();
        double[] out = new double[h];
        if (!config.revin()) {
            java.util.Arrays.fill(out, 1);
            return out;
        }
        int l = lookback.length;
        SessionProfile p = config.sessionScaled() ? config.normalisation().session() : null;
        double[] seasonal = null;
        if (p != null) {
            seasonal = new double[l];
            for (int i = 0; i < l; i++) {
                seasonal[i] = p.at(series.ts(end - l + 1 + i));
            }
        }
        double s = InstanceScale.of(lookback, seasonal);
        InstanceScale.normalise(lookback, 0, l, s, seasonal);
        InstanceScale.normalise(frequency, 0, l, s, seasonal);
        if (p == null) {
            java.util.Arrays.fill(out, s);
            return out;
        }
        double[] ahead = p.ahead(series.ts(end), config.timeframeKind().millis(), horizonBars);
        for (int k = 0; k < h; k++) {
            out[k] = s * ahead[k];
        }
        return out;
    }

    /** As {@link #build(BarSeries, int[], int)}; without images when the latents are already known. */
    public Batch build(BarSeries series, int[] ends, int count, boolean withImages) {
        int l = config.lookback();
        float[] images = null;
        if (withImages) {
            images = new float[count * config.vision().imageFloats()];
            vision.encode(series, ends, count, images);
            for (int i = 0; i < images.length; i++) {
                images[i] = images[i] * 2 - 1;
            }
        }
        float[][] lookback = new float[count][l];
        float[][] frequency = new float[count][Ldm4tsConfig.FREQUENCY_FEATURES * l];
        int[][] tokens = new int[count][];
        double[] last = new double[count];
        double[][] scale = new double[count][];
        double[] closes = new double[l];
        int[] endsCopy = java.util.Arrays.copyOf(ends, count);
        for (int b = 0; b < count; b++) {
            int start = ends[b] - l + 1;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < l; i++) {
                closes[i] = series.close(start + i);
                min = Math.min(min, closes[i]);
                max = Math.max(max, closes[i]);
            }
            double range = max - min;
            for (int i = 0; i < l; i++) {
                double r = i == 0 ? 0 : Math.log(closes[i] / closes[i - 1]);
                float z = (float) ((r - returnMean) / returnStd);
                lookback[b][i] = z;
                frequency[b][i] = z;
                frequency[b][l + i] = range > 0 ? (float) ((closes[i] - min) / range) : 0.5f;
            }
            scale[b] = standardise(series, ends[b], lookback[b], frequency[b]);
            tokens[b] = tokenizer.encode(describer.describe(config.symbol(), config.timeframe(), closes, 0, l));
            last[b] = closes[l - 1];
        }
        return new Batch(count, endsCopy, images, lookback, frequency, tokens, last, scale);
    }
}
