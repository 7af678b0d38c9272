package com.forexdiffusion.trading.optimisation.sampler;

import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * A zero-mean Gaussian-process regression with a Matérn 5/2 kernel and Gaussian observation noise, conditioned on
 * (x_i, y_i): mean k*ᵀ(K + σn²I)⁻¹y, variance k(x, x) − k*ᵀ(K + σn²I)⁻¹k*. The Cholesky factor is computed once per
 * fit; each prediction costs one kernel row and one triangular solve.
 */
public final class GaussianProcess {
    private final Matern52 kernel;
    private final double[][] x;
    private final double[][] lower;   // L of K + σn²I = L Lᵀ
    private final double[] alpha;     // (K + σn²I)⁻¹ y
    private final double logMarginalLikelihood;

    private GaussianProcess(Matern52 kernel, double[][] x, double[][] lower, double[] alpha, double lml) {
        this.kernel = kernel;
        this.x = x;
        this.lower = lower;
        this.alpha = alpha;
        this.logMarginalLikelihood = lml;
    }

    /** Mean and variance of the latent function at a point. */
    public record Prediction(double mean, double variance) {
        public double std() {
            return Math.sqrt(Math.max(variance, 0));
        }
    }

    /**
     * @throws org.hipparchus.exception.MathIllegalArgumentException when K + σn²I is not positive definite
     */
    public static GaussianProcess fit(double[][] x, double[] y, Matern52 kernel, double noiseVariance) {
        int n = x.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                k[i][j] = kernel.at(x[i], x[j]);
                k[j][i] = k[i][j];
            }
            k[i][i] += noiseVariance;
        }
        RealMatrix m = MatrixUtils.createRealMatrix(k);
        CholeskyDecomposition chol = new CholeskyDecomposition(m, 1e-12, 1e-14);
        double[][] l = chol.getL().getData();
        double[] alpha = backward(l, forward(l, y));
        double lml = -0.5 * dot(y, alpha) - 0.5 * n * Math.log(2 * Math.PI);
        for (int i = 0; i < n; i++) {
            lml -= Math.log(l[i][i]);
        }
        return new GaussianProcess(kernel, x, l, alpha, lml);
    }

    public Prediction predict(double[] point) {
        double[] ks = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            ks[i] = kernel.at(point, x[i]);
        }
        double[] v = forward(lower, ks);
        return new Prediction(dot(ks, alpha), kernel.at(point, point) - dot(v, v));
    }

    public double logMarginalLikelihood() {
        return logMarginalLikelihood;
    }

    /** Solves L z = b for lower-triangular L. */
    private static double[] forward(double[][] l, double[] b) {
        int n = b.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            double[] row = l[i];
            for (int j = 0; j < i; j++) {
                s -= row[j] * z[j];
            }
            z[i] = s / row[i];
        }
        return z;
    }

    /** Solves Lᵀ z = b. */
    private static double[] backward(double[][] l, double[] b) {
        int n = b.length;
        double[] z = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int j = i + 1; j < n; j++) {
                s -= l[j][i] * z[j];
            }
            z[i] = s / l[i][i];
        }
        return z;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
