package com.forexdiffusion.vision;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;

import java.time.Instant;

/**
 * Turns a window of L bars into a float image [3, H, W] with values in [0, 1], channels SEG, GAF, RP (SPEC §3).
 * One encoder owns its work buffers, so it allocates nothing per window; it is therefore not thread-safe: use
 * one per thread, or {@link BatchVisionEncoder}.
 */
public final class VisionEncoder {
    /** Resolution of the RP kernel table over (xi − xj)² ∈ [0, 1]; interpolation error below 1e-8. */
    static final int RP_TABLE = 4096;

    private final VisionConfig cfg;
    private final int n;
    private final double[] x;
    private final double[] feature;
    private final float[] square;
    private final float[] cosPhi;
    private final float[] sinPhi;
    private final float[] cosRows;
    private final float[] sinRows;
    private final float[] cosCols;
    private final float[] sinCols;
    private final float[] rpTable;
    private final PeriodDetector periods;
    private final BilinearResize squareResize;
    /** SEG resize plans by period: the first window with a given period builds its plan, later ones reuse it. */
    private final BilinearResize[] segResize;
    private final float[] seg;

    public VisionEncoder(VisionConfig cfg) {
        this.cfg = cfg;
        this.n = cfg.window();
        this.x = new double[n];
        this.feature = new double[n];
        this.square = new float[n * n];
        this.cosPhi = new float[n];
        this.sinPhi = new float[n];
        this.cosRows = new float[cfg.height()];
        this.sinRows = new float[cfg.height()];
        this.cosCols = new float[cfg.width()];
        this.sinCols = new float[cfg.width()];
        this.periods = new PeriodDetector(n);
        this.squareResize = new BilinearResize(n, n, cfg.height(), cfg.width());
        this.segResize = new BilinearResize[n + 1];
        this.seg = new float[2 * n];
        this.rpTable = new float[RP_TABLE + 2];
        double twoEps2 = 2 * cfg.epsilon() * cfg.epsilon();
        for (int k = 0; k < rpTable.length; k++) {
            rpTable[k] = (float) Math.exp(-((double) k / RP_TABLE) / twoEps2);
        }
    }

    public VisionConfig config() {
        return cfg;
    }

    /** Encodes the last L bars of {@code window} into a new array (convenience; allocates the image). */
    public float[] encode(BarSeries window) {
        float[] out = new float[cfg.imageFloats()];
        encode(window, window.size() - 1, out, 0);
        return out;
    }

    /**
     * Encodes the window of L bars ending at index {@code end} (inclusive) of {@code series} into {@code out}
     * at {@code offset}, as three planes of H × W floats. Reads no bar after {@code end}.
     */
    public void encode(BarSeries series, int end, float[] out, int offset) {
        if (end < n - 1 || end >= series.size()) {
            throw BadInputException.ofField("window", "a window of " + n + " bars ending at bar " + end
                    + " needs bars " + (end - n + 1) + ".." + end + ", but the series has " + series.size()
                    + " bars (" + series.symbol() + " " + series.timeframe() + ")");
        }
        int start = end - n + 1;
        source(series, start);
        encodeSeries(x, out, offset);
    }

    /** Encodes an already normalised series x (length L, values in [0, 1]); used by tests and other sources. */
    void encodeSeries(double[] xs, float[] out, int offset) {
        int plane = cfg.height() * cfg.width();
        segView(xs, out, offset);
        gafView(xs, out, offset + plane);
        rpMatrix(xs, square);
        squareResize.resize(square, out, offset + 2 * plane);
        for (int c = 0; c < 3; c++) {
            normalise(out, offset + c * plane, plane);
        }
    }

    /** Fills {@link #x} with the normalised source series of bars [start, start + L). */
    private void source(BarSeries s, int start) {
        switch (cfg.source()) {
            case CLOSE -> {
                for (int i = 0; i < n; i++) {
                    feature[i] = check(s, start + i, "close", s.close(start + i));
                }
                minMax(feature, x);
            }
            case TYPICAL -> {
                for (int i = 0; i < n; i++) {
                    int k = start + i;
                    feature[i] = (check(s, k, "high", s.high(k)) + check(s, k, "low", s.low(k))
                            + check(s, k, "close", s.close(k))) / 3.0;
                }
                minMax(feature, x);
            }
            case MEAN_OHLCV -> {
                java.util.Arrays.fill(x, 0);
                for (int f = 0; f < 5; f++) {
                    for (int i = 0; i < n; i++) {
                        int k = start + i;
                        feature[i] = switch (f) {
                            case 0 -> check(s, k, "open", s.open(k));
                            case 1 -> check(s, k, "high", s.high(k));
                            case 2 -> check(s, k, "low", s.low(k));
                            case 3 -> check(s, k, "close", s.close(k));
                            default -> check(s, k, "volume", s.volume(k));
                        };
                    }
                    accumulateMinMax(feature, x);
                }
                for (int i = 0; i < n; i++) {
                    x[i] /= 5;
                }
            }
        }
    }

    private static double check(BarSeries s, int k, String field, double v) {
        if (!Double.isFinite(v)) {
            throw BadInputException.ofField(field, v + " in " + s.symbol() + " " + s.timeframe() + " bar at "
                    + Instant.ofEpochMilli(s.ts(k)) + ": a window must hold finite values");
        }
        return v;
    }

    /** (v − min) / (max − min), a constant series becoming 0.5. */
    static void minMax(double[] v, double[] dst) {
        java.util.Arrays.fill(dst, 0);
        accumulateMinMax(v, dst);
    }

    /** Adds the min-max normalised {@code v} to {@code acc}. */
    private static void accumulateMinMax(double[] v, double[] acc) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double a : v) {
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        double range = hi - lo;
        for (int i = 0; i < v.length; i++) {
            acc[i] += range > 0 ? (v[i] - lo) / range : 0.5;
        }
    }

    /** The SEG period for this series: configured, or detected. */
    int period(double[] xs) {
        return cfg.period() > 0 ? cfg.period() : periods.detect(xs);
    }

    private void segView(double[] xs, float[] out, int offset) {
        int p = period(xs);
        if (segResize[p] == null) {
            segResize[p] = new BilinearResize((n + p - 1) / p, p, cfg.height(), cfg.width());
        }
        foldSeg(xs, p, seg);
        segResize[p].resize(seg, out, offset);
    }

    /** Folds the series into rows of one period each, padding the end by repeating the last value. */
    static void foldSeg(double[] xs, int p, float[] dst) {
        int n = xs.length;
        int rows = (n + p - 1) / p;
        for (int i = 0; i < rows * p; i++) {
            dst[i] = (float) xs[Math.min(i, n - 1)];
        }
    }

    /**
     * G[i][j] = cos(φi + φj) = cos φi cos φj − sin φi sin φj with φ = arccos(clip(2x − 1)): G has rank two, and
     * bilinear resizing is linear and separable, so the resized view is (A cos)(B cos)ᵀ − (A sin)(B sin)ᵀ. That
     * is the same image as resizing the L × L matrix, at the cost of H × W instead of L² + resize.
     */
    private void gafView(double[] xs, float[] out, int offset) {
        for (int i = 0; i < n; i++) {
            double s = Math.max(-1, Math.min(1, 2 * xs[i] - 1));
            cosPhi[i] = (float) s;
            sinPhi[i] = (float) Math.sqrt(1 - s * s);
        }
        squareResize.resizeRows(cosPhi, cosRows);
        squareResize.resizeRows(sinPhi, sinRows);
        squareResize.resizeCols(cosPhi, cosCols);
        squareResize.resizeCols(sinPhi, sinCols);
        int w = cfg.width();
        for (int r = 0; r < cfg.height(); r++) {
            float cr = cosRows[r];
            float sr = sinRows[r];
            int o = offset + r * w;
            for (int c = 0; c < w; c++) {
                out[o + c] = cr * cosCols[c] - sr * sinCols[c];
            }
        }
    }

    /** R[i][j] = exp(−(xi − xj)² / 2ε²), by linear interpolation in a fine table of the kernel. */
    void rpMatrix(double[] xs, float[] r) {
        for (int i = 0; i < n; i++) {
            int row = i * n;
            r[row + i] = 1f;
            double xi = xs[i];
            for (int j = i + 1; j < n; j++) {
                double d = xi - xs[j];
                double pos = d * d * RP_TABLE;
                float v;
                if (pos >= RP_TABLE) {
                    // Only reachable for series outside [0, 1]: evaluate exactly.
                    v = (float) Math.exp(-d * d / (2 * cfg.epsilon() * cfg.epsilon()));
                } else {
                    int k = (int) pos;
                    float w = (float) (pos - k);
                    v = rpTable[k] + w * (rpTable[k + 1] - rpTable[k]);
                }
                r[row + j] = v;
                r[j * n + i] = v;
            }
        }
    }

    /** Per-channel min-max to [0, 1]; a constant channel becomes 0.5. */
    static void normalise(float[] a, int off, int len) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = off; i < off + len; i++) {
            lo = Math.min(lo, a[i]);
            hi = Math.max(hi, a[i]);
        }
        float range = hi - lo;
        if (range > 0) {
            // Division, not multiplication by 1/range: the maximum must map to exactly 1.
            for (int i = off; i < off + len; i++) {
                a[i] = (a[i] - lo) / range;
            }
        } else {
            java.util.Arrays.fill(a, off, off + len, 0.5f);
        }
    }
}
