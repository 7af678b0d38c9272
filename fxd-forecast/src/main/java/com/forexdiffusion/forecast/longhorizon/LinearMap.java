package com.forexdiffusion.forecast.longhorizon;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * DLinear (Zeng et al., 2023) with shared weights across channels, fitted in closed form. DLinear's trend and
 * seasonal branches are both linear in the lookback (the moving average is a fixed linear map), so the model is
 * y = W x + b with W = W_s (I − A) + W_t A, and any W is reachable. Minimising the training MSE is therefore a
 * least-squares problem, solved here by the normal equations with a tiny ridge for numerical safety, instead of
 * by gradient descent.
 */
public final class LinearMap {
    static final double RIDGE = 1e-6;

    private final int lookback;
    private final int horizon;
    /** (lookback + 1) × horizon, the last row is the bias. */
    private final double[][] w;

    private LinearMap(int lookback, int horizon, double[][] w) {
        this.lookback = lookback;
        this.horizon = horizon;
        this.w = w;
    }

    /** Fits on every window of every channel whose input and target lie in rows [start, end). */
    public static LinearMap fit(double[][] values, int start, int end, int lookback, int horizon) {
        int d = lookback + 1;
        double[][] xtx = new double[d][d];
        double[][] xty = new double[d][horizon];
        double[] x = new double[d];
        int channels = values[0].length;
        for (int c = 0; c < channels; c++) {
            for (int s = start; s + lookback + horizon <= end; s++) {
                for (int k = 0; k < lookback; k++) {
                    x[k] = values[s + k][c];
                }
                x[lookback] = 1;
                for (int a = 0; a < d; a++) {
                    double xa = x[a];
                    double[] row = xtx[a];
                    for (int b = a; b < d; b++) {
                        row[b] += xa * x[b];
                    }
                    double[] ty = xty[a];
                    for (int h = 0; h < horizon; h++) {
                        ty[h] += xa * values[s + lookback + h][c];
                    }
                }
            }
        }
        return new LinearMap(lookback, horizon, solve(xtx, xty));
    }

    /**
     * Solves the normal equations (XᵀX + ridge) W = XᵀY, with XᵀX given by its upper triangle (the lower one is filled
     * here) and a ridge of {@value #RIDGE} times each diagonal entry (at least 1) for numerical safety.
     *
     * @return W, one row per input column and one column per output
     */
    public static double[][] solve(double[][] xtx, double[][] xty) {
        int d = xtx.length;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                xtx[a][b] = xtx[b][a];
            }
            xtx[a][a] += RIDGE * Math.max(1, xtx[a][a]);
        }
        RealMatrix sol = new CholeskyDecomposition(new Array2DRowRealMatrix(xtx, false), 1e-12, 1e-14).getSolver()
                .solve(new Array2DRowRealMatrix(xty, false));
        return sol.getData();
    }

    /** Forecast of the next {@code horizon} values of one channel from the {@code lookback} before row s + lookback. */
    public void predict(double[][] values, int s, int channel, double[] out) {
        for (int h = 0; h < horizon; h++) {
            out[h] = w[lookback][h];
        }
        for (int k = 0; k < lookback; k++) {
            double xk = values[s + k][channel];
            double[] row = w[k];
            for (int h = 0; h < horizon; h++) {
                out[h] += xk * row[h];
            }
        }
    }

    public int horizon() {
        return horizon;
    }
}
