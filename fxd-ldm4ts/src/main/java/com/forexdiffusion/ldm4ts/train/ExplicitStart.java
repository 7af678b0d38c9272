package com.forexdiffusion.ldm4ts.train;

import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.forecast.dataset.Window;
import com.forexdiffusion.forecast.dataset.WindowDataset;
import com.forexdiffusion.forecast.longhorizon.LinearMap;
import com.forexdiffusion.ldm4ts.model.Batch;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.model.Normalisation;
import com.forexdiffusion.ldm4ts.model.WindowFeatures;

import java.util.List;

/**
 * Starts a linear explicit pathway at the least-squares map from the training windows' normalised lookback to
 * their scaled targets, as closed-form DLinear is fitted: gradient descent reaches that optimum slowly (a few epochs
 * left our pathway 20 % above it on ETTh1), and with the residual fusion starting at its explicit pathway the whole
 * model then starts where DLinear ends.
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
        Normalisation norm = model.config().normalisation();
        int l = model.config().lookback();
        int h = model.config().horizons().size();
        double[][] xtx = new double[l + 1][l + 1];
        double[][] xty = new double[l + 1][h];
        double[] x = new double[l + 1];
        double[] y = new double[h];
        int[] idx = new int[train.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        for (int from = 0; from < train.size(); from += CHUNK) {
            int n = Math.min(CHUNK, train.size() - from);
            Batch b = features.build(ds.bars(), Ldm4tsTrainer.ends(train, idx, from, n), n, false);
            for (int i = 0; i < n; i++) {
                float[] look = b.lookback()[i];
                for (int j = 0; j < l; j++) {
                    x[j] = look[j];
                }
                x[l] = 1;
                double[] raw = ds.targets(train.get(from + i).index());
                for (int k = 0; k < h; k++) {
                    // In the window's own units (RevIN): the least squares weighted by the inverse of each window's
                    // variance, the efficient fit when the windows' volatilities differ.
                    y[k] = norm.scaleTarget(k, raw[k]) / b.scale()[i][k];
                }
                accumulate(xtx, xty, x, y);
            }
        }
        assign(model, name, LinearMap.solve(xtx, xty), l, h);
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
