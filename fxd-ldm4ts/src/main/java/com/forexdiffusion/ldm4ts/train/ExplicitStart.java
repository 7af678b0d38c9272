package com.forexdiffusion.ldm4ts.train;

import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.forecast.dataset.Window;
import com.forexdiffusion.forecast.dataset.WindowDataset;
import com.forexdiffusion.forecast.longhorizon.LinearMap;
import com.forexdiffusion.ldm4ts.model.Batch;
import com.forexdiffusion.ldm4ts.model.ExplicitInput;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.model.Normalisation;
import com.forexdiffusion.ldm4ts.model.WindowFeatures;

import java.util.List;

/**
 * Starts a linear explicit pathway at the least-squares map from the training windows' normalised lookback to
 * their scaled targets, as closed-form DLinear is fitted: gradient descent reaches that optimum slowly (a few epochs
 * left our pathway 20 % above it on ETTh1), and with the residual fusion starting at its explicit pathway the whole
 * model then starts where DLinear ends. A pathway that reads the level as well gets the fit with it, or with
 * "both" the average of the fits with and without it ({@link ExplicitInput}).
 */
final class ExplicitStart {
    private static final int CHUNK = 256;

    private ExplicitStart() {
    }

    /** Fits and assigns the pathway's weights; does nothing when the pathway is not linear. */
    static void fit(Ldm4tsModel model, WindowDataset ds, List<Window> train, WindowFeatures features) {
        String name = model.fusion().explicit().linearWeightName();
        if (name == null) {
            return;
        }
        Ldm4tsConfig config = model.config();
        Normalisation norm = config.normalisation();
        int width = config.explicitInputWidth();
        int h = config.horizons().size();
        double[][] xtx = new double[width + 1][width + 1];
        double[][] xty = new double[width + 1][h];
        double[] x = new double[width + 1];
        double[] y = new double[h];
        int[] idx = new int[train.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        for (int from = 0; from < train.size(); from += CHUNK) {
            int n = Math.min(CHUNK, train.size() - from);
            Batch b = features.build(ds.bars(), Ldm4tsTrainer.ends(train, idx, from, n), n, false);
            float[][] rows = ExplicitInput.rows(config, b);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < width; j++) {
                    x[j] = rows[i][j];
                }
                x[width] = 1;
                double[] raw = ds.targets(train.get(from + i).index());
                for (int k = 0; k < h; k++) {
                    // In the window's own units (RevIN): the least squares weighted by the inverse of each window's
                    // variance, the efficient fit when the windows' volatilities differ.
                    y[k] = norm.scaleTarget(k, raw[k]) / b.scale()[i][k];
                }
                accumulate(xtx, xty, x, y);
            }
        }
        double[][] w = Ldm4tsConfig.INPUT_BOTH.equals(config.explicitInputKind())
                ? average(solve(xtx, xty, -1), solve(xtx, xty, config.lookback()))
                : solve(xtx, xty, -1);
        assign(model, name, w, width, h);
    }

    /**
     * The least-squares weights, one row per input column (the bias last); with {@code drop} ≥ 0 that column is left
     * out of the fit and its weights are zero. The sums are copied: {@link LinearMap#solve} works in place.
     */
    static double[][] solve(double[][] xtx, double[][] xty, int drop) {
        int d = xtx.length;
        int[] keep = java.util.stream.IntStream.range(0, d).filter(a -> a != drop).toArray();
        double[][] a = new double[keep.length][keep.length];
        double[][] t = new double[keep.length][];
        for (int i = 0; i < keep.length; i++) {
            for (int j = 0; j < keep.length; j++) {
                a[i][j] = xtx[keep[i]][keep[j]];
            }
            t[i] = xty[keep[i]].clone();
        }
        double[][] sol = LinearMap.solve(a, t);
        double[][] w = new double[d][xty[0].length];
        for (int i = 0; i < keep.length; i++) {
            w[keep[i]] = sol[i];
        }
        return w;
    }

    private static double[][] average(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[0].length; k++) {
                out[i][k] = 0.5 * (a[i][k] + b[i][k]);
            }
        }
        return out;
    }

    private static void accumulate(double[][] xtx, double[][] xty, double[] x, double[] y) {
        for (int a = 0; a < x.length; a++) {
            double xa = x[a];
            double[] row = xtx[a];
            for (int c = a; c < x.length; c++) {
                row[c] += xa * x[c];
            }
            double[] ty = xty[a];
            for (int k = 0; k < y.length; k++) {
                ty[k] += xa * y[k];
            }
        }
    }

    private static void assign(Ldm4tsModel model, String name, double[][] w, int l, int h) {
        float[] weight = new float[h * l];
        float[] bias = new float[h];
        for (int k = 0; k < h; k++) {
            for (int j = 0; j < l; j++) {
                weight[k * l + j] = (float) w[j][k];
            }
            bias[k] = (float) w[l][k];
        }
        model.params().assign(name + ".weight", new Shape(h, l), weight);
        model.params().assign(name + ".bias", new Shape(h), bias);
    }
}
