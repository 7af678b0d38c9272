package com.forexdiffusion.ldm4ts.model;

import java.util.List;

/**
 * The point forecast's correction, tuned on the validation split. A window's mean forecast m is its explicit
 * pathway's forecast e plus what the diffusion branch adds, d = m − e; per horizon the validation split's least
 * squares choose y ≈ α·e + β·d with α, β ∈ [0, 1]. β = 0 falls back on the explicit pathway where the diffusion branch
 * made the forecast worse; α = β &lt; 1 shrinks towards zero return, which an FX model whose mean carries less signal
 * than noise needs to come closer to the random walk. Both (1, 1) (no change) and (0, 0) (the zero forecast) are
 * candidates, so on the validation split the correction can only lower the MSE. The fitted factors are kept only
 * where they earn their place by the Bayesian information criterion, n · ln(SSE₀ / SSE) &gt; p · ln n against the
 * zero forecast (SSE₀ = Σy², p the factors fitted, n the windows): on FX a validation split of a few hundred windows
 * often shows a gain of a percent or two by chance, which the next months do not repeat, so without such evidence
 * the mean is the zero return. Each window's samples move together, so the spread of the predictive distribution
 * stays.
 * <p>
 * With the explicit pathway kept ({@link #keepingExplicit}) α is 1 and only β is fitted, kept where it earns its one
 * factor against β = 0, the explicit forecast alone. That is for a pathway fitted by least squares to a series whose
 * mean it does forecast (the long-horizon benchmarks): there the validation months' α, a few percent below 1 at some
 * steps, was not repeated by the test months and cost 0.1–1.2 % of MSE (docs/evaluation.md).
 */
public final class Shrinkage {
    private final int horizons;
    private final double[] ee;
    private final double[] ed;
    private final double[] dd;
    private final double[] ye;
    private final double[] yd;
    private final double[] yy;
    private final int[] n;
    private final boolean explicitKept;

    /** The factors per horizon: α on the explicit forecast, β on the diffusion branch's addition to it. */
    public record Factors(List<Double> explicit, List<Double> branch) {
        public Factors {
            explicit = List.copyOf(explicit);
            branch = List.copyOf(branch);
            if (explicit.size() != branch.size()) {
                throw new IllegalArgumentException("explicit and branch factors have different lengths");
            }
        }
    }

    public Shrinkage(int horizons) {
        this(horizons, false);
    }

    /** A fit of β alone, α = 1 (see the class comment). */
    public static Shrinkage keepingExplicit(int horizons) {
        return new Shrinkage(horizons, true);
    }

    private Shrinkage(int horizons, boolean explicitKept) {
        this.horizons = horizons;
        this.explicitKept = explicitKept;
        this.ee = new double[horizons];
        this.ed = new double[horizons];
        this.dd = new double[horizons];
        this.ye = new double[horizons];
        this.yd = new double[horizons];
        this.yy = new double[horizons];
        this.n = new int[horizons];
    }

    /** Adds one validation window at horizon k: its sample mean, its explicit forecast and its outcome (scaled). */
    public void add(int k, double mean, double explicit, double outcome) {
        double d = mean - explicit;
        ee[k] += explicit * explicit;
        ed[k] += explicit * d;
        dd[k] += d * d;
        ye[k] += outcome * explicit;
        yd[k] += outcome * d;
        yy[k] += outcome * outcome;
        n[k]++;
    }

    /** The fitted factors; (1, 1) where nothing was seen, (0, 0) where the fit does not beat the zero forecast. */
    public Factors factors() {
        Double[] a = new Double[horizons];
        Double[] b = new Double[horizons];
        for (int k = 0; k < horizons; k++) {
            double[] ab = explicitKept ? branchOnly(k) : fit(k);
            if (!explicitKept && !earnsItsFactors(k, ab)) {
                ab = new double[] {0, 0};
            }
            a[k] = ab[0];
            b[k] = ab[1];
        }
        return new Factors(List.of(a), List.of(b));
    }

    /**
     * The least squares on the unit square: the interior optimum if it lies inside, else the best point of the four
     * edges (each a one-dimensional least squares, clipped). A pathway that is identically zero on validation (no
     * explicit pathway, or no diffusion branch) cannot be told apart, so it shares the other factor.
     */
    private double[] fit(int k) {
        if (ee[k] == 0 && dd[k] == 0) {
            return new double[] {1, 1};
        }
        if (ee[k] == 0 || dd[k] == 0) {
            double s = ee[k] == 0 ? clip(yd[k] / dd[k]) : clip(ye[k] / ee[k]);
            return new double[] {s, s};
        }
        double det = ee[k] * dd[k] - ed[k] * ed[k];
        if (det > 1e-12 * ee[k] * dd[k]) {
            double a = (ye[k] * dd[k] - yd[k] * ed[k]) / det;
            double b = (yd[k] * ee[k] - ye[k] * ed[k]) / det;
            if (a >= 0 && a <= 1 && b >= 0 && b <= 1) {
                return new double[] {a, b};
            }
        }
        double[] best = null;
        for (double edge : new double[] {0, 1}) {
            best = better(k, best, new double[] {edge, clip((yd[k] - edge * ed[k]) / dd[k])});
            best = better(k, best, new double[] {clip((ye[k] - edge * ed[k]) / ee[k]), edge});
        }
        return best;
    }

    /** (1, β) with β the clipped least squares of y − e on d where it earns its factor against (1, 0). */
    private double[] branchOnly(int k) {
        if (dd[k] == 0 || n[k] < 2) {
            return new double[] {1, 1};
        }
        double[] fitted = {1, clip((yd[k] - ed[k]) / dd[k])};
        double sse = yy[k] + loss(k, fitted);
        double alone = yy[k] + loss(k, new double[] {1, 0});
        boolean earns = sse <= 0 || n[k] * Math.log(alone / sse) > Math.log(n[k]);
        return earns ? fitted : new double[] {1, 0};
    }

    /** The information criterion's test of the fit against the zero forecast (see the class comment). */
    private boolean earnsItsFactors(int k, double[] ab) {
        if (n[k] < 2 || (ee[k] == 0 && dd[k] == 0)) {
            return true;
        }
        double sse = yy[k] + loss(k, ab);
        if (sse <= 0) {
            return true;
        }
        int fitted = ee[k] == 0 || dd[k] == 0 ? 1 : 2;
        return n[k] * Math.log(yy[k] / sse) > fitted * Math.log(n[k]);
    }

    private double[] better(int k, double[] a, double[] b) {
        return a == null || loss(k, b) < loss(k, a) ? b : a;
    }

    /** Σ(y − α·e − β·d)² less the constant Σy². */
    private double loss(int k, double[] ab) {
        double a = ab[0];
        double b = ab[1];
        return -2 * a * ye[k] - 2 * b * yd[k] + a * a * ee[k] + 2 * a * b * ed[k] + b * b * dd[k];
    }

    private static double clip(double x) {
        return Double.isFinite(x) ? Math.max(0, Math.min(1, x)) : 1;
    }

    /**
     * Moves every window's samples [window][sample][horizon] in place so that their mean becomes α·e + β·(m − e),
     * with e the window's explicit forecast [window][horizon]. Null factors change nothing.
     */
    public static void apply(float[][][] samples, float[][] explicit, Factors factors) {
        if (factors == null) {
            return;
        }
        for (int w = 0; w < samples.length; w++) {
            float[][] window = samples[w];
            for (int k = 0; k < factors.explicit().size(); k++) {
                double mean = 0;
                for (float[] draw : window) {
                    mean += draw[k];
                }
                mean /= window.length;
                double e = explicit[w][k];
                double target = factors.explicit().get(k) * e + factors.branch().get(k) * (mean - e);
                float shift = (float) (target - mean);
                for (float[] draw : window) {
                    draw[k] += shift;
                }
            }
        }
    }
}
