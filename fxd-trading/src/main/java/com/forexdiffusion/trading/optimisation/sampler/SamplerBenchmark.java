package com.forexdiffusion.trading.optimisation.sampler;

import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.Well19937c;
import org.hipparchus.stat.descriptive.rank.Median;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Simple regret of a sampler on a test function: run it sequentially for {@code evals} evaluations and record the
 * best value found minus the known minimum after each; the median over seeds is the figure `fxd bench optimize`
 * reports.
 */
public final class SamplerBenchmark {
    private SamplerBenchmark() {
    }

    /** Trial {@code trial}'s generator in a study seeded {@code seed}: independent of every other trial's. */
    public static RandomGenerator trialRng(long seed, int trial) {
        long z = seed * 0x9E3779B97F4A7C15L + trial * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Well19937c(z ^ (z >>> 31));
    }

    /** Simple regret after each evaluation, index i holding the regret after i + 1 evaluations. */
    public static double[] regretCurve(TestFunctions.Problem p, Sampler s, int evals, long seed) {
        List<Observation> seen = new ArrayList<>();
        double[] regret = new double[evals];
        double best = Double.POSITIVE_INFINITY;
        for (int t = 0; t < evals; t++) {
            Map<String, Object> x = s.suggest(p.space(), seen, List.of(), trialRng(seed, t));
            double v = p.f().applyAsDouble(x);
            seen.add(new Observation(x, v));
            best = Math.min(best, v);
            regret[t] = best - p.minimum();
        }
        return regret;
    }

    /** Median over seeds 1..seeds of the simple regret after each of {@code budgets} evaluations. */
    public static double[] medianRegret(TestFunctions.Problem p, Sampler s, int[] budgets, int seeds) {
        int max = java.util.Arrays.stream(budgets).max().orElseThrow();
        double[][] at = new double[budgets.length][seeds];
        for (int k = 0; k < seeds; k++) {
            double[] curve = regretCurve(p, s, max, k + 1);
            for (int b = 0; b < budgets.length; b++) {
                at[b][k] = curve[budgets[b] - 1];
            }
        }
        double[] med = new double[budgets.length];
        for (int b = 0; b < budgets.length; b++) {
            med[b] = new Median().evaluate(at[b]);
        }
        return med;
    }
}
