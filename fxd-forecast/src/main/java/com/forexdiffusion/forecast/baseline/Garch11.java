package com.forexdiffusion.forecast.baseline;

import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * GARCH(1,1) on zero-mean returns: h_t = ω + α r²_{t−1} + β h_{t−1}. Fitted by Gaussian maximum likelihood with
 * Nelder–Mead over an unconstrained parametrisation that keeps ω > 0, α, β >= 0 and α + β < 1.
 */
public record Garch11(double omega, double alpha, double beta) {
    public Garch11 {
        if (!(omega > 0) || alpha < 0 || beta < 0 || alpha + beta >= 1) {
            throw new IllegalArgumentException("GARCH(1,1) needs omega > 0, alpha, beta >= 0, alpha + beta < 1: "
                    + omega + ", " + alpha + ", " + beta);
        }
    }

    public double unconditionalVariance() {
        return omega / (1 - alpha - beta);
    }

    /** Maximum likelihood fit; needs a few hundred returns to say anything. */
    public static Garch11 fit(double[] returns) {
        if (returns.length < 50) {
            throw new IllegalArgumentException("GARCH fit needs at least 50 returns, got " + returns.length);
        }
        double var = 0;
        for (double r : returns) {
            var += r * r;
        }
        var /= returns.length;
        double scale = var;
        // Returns are rescaled to unit variance so the optimiser works on numbers near 1.
        double[] z = new double[returns.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = returns[i] / Math.sqrt(scale);
        }
        double[] start = {Math.log(0.05), logit(0.95), logit(0.05 / 0.95)};
        SimplexOptimizer opt = new SimplexOptimizer(1e-10, 1e-12);
        double[] best = opt.optimize(new MaxEval(20_000), GoalType.MAXIMIZE, new InitialGuess(start),
                new NelderMeadSimplex(new double[]{0.5, 0.5, 0.5}),
                new ObjectiveFunction(p -> logLikelihood(decode(p), z, 1.0))).getPoint();
        Garch11 unit = decode(best);
        return new Garch11(unit.omega * scale, unit.alpha, unit.beta);
    }

    private static Garch11 decode(double[] p) {
        double persistence = logistic(p[1]) * 0.9999;
        double share = logistic(p[2]);
        return new Garch11(Math.exp(p[0]), persistence * share, persistence * (1 - share));
    }

    /** Gaussian log likelihood (without the constant) with h_1 = the given start variance. */
    static double logLikelihood(Garch11 g, double[] r, double startVariance) {
        double h = startVariance;
        double ll = 0;
        for (double x : r) {
            ll -= 0.5 * (Math.log(h) + x * x / h);
            h = g.omega + g.alpha * x * x + g.beta * h;
        }
        return ll;
    }

    /** The one-step-ahead variance after filtering {@code returns}, started at the unconditional variance. */
    public double filter(double[] returns) {
        double h = unconditionalVariance();
        for (double x : returns) {
            h = omega + alpha * x * x + beta * h;
        }
        return h;
    }

    /**
     * Variance of the sum of the next {@code steps} returns given the next one-step variance h1:
     * Σ_k [V + (α + β)^(k−1) (h1 − V)].
     */
    public double aggregateVariance(double h1, int steps) {
        double v = unconditionalVariance();
        double p = alpha + beta;
        double total = 0;
        double pk = 1;
        for (int k = 0; k < steps; k++) {
            total += v + pk * (h1 - v);
            pk *= p;
        }
        return total;
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
