package com.forexdiffusion.trading.engine;

import java.util.Arrays;

/**
 * What uncertainty did to a run's decisions (SPEC §7): the distribution of u over every signal made, how often the
 * uncertainty penalty applied and how often it turned a signal that would have passed the filter into one that
 * did not, and how often uncertainty sizing shrank an order (fewer lots than without it) or removed it.
 */
public final class UncertaintyEffects {
    private double[] u = new double[256];
    private int n;
    private long penalised;
    private long penaltyRejected;
    private long sized;
    private long sizingReduced;
    private long sizingRejected;

    void signal(double uPct, boolean penaltyApplied, boolean passesWithout, boolean passesWith) {
        if (n == u.length) {
            u = Arrays.copyOf(u, 2 * n);
        }
        u[n++] = uPct;
        penalised += penaltyApplied ? 1 : 0;
        penaltyRejected += passesWithout && !passesWith ? 1 : 0;
    }

    /** One sized order: its lots with uncertainty scaling and without (0 when that sizing rejected it). */
    void sized(double lotsWith, double lotsWithout) {
        sized++;
        if (lotsWith <= 0 && lotsWithout > 0) {
            sizingRejected++;
        } else if (lotsWith < lotsWithout) {
            sizingReduced++;
        }
    }

    /**
     * @param uP10 10th, 50th and 90th percentiles of u in percent (linear between order statistics; NaN without
     *             signals)
     */
    public record Summary(long signals, double uP10, double uP50, double uP90, long penaltyApplied,
                          long penaltyRejected, long sized, long sizingReduced, long sizingRejected) {
    }

    public Summary summary() {
        double[] s = Arrays.copyOf(u, n);
        Arrays.sort(s);
        return new Summary(n, percentile(s, 0.1), percentile(s, 0.5), percentile(s, 0.9), penalised, penaltyRejected,
                sized, sizingReduced, sizingRejected);
    }

    /** The p-quantile of sorted values, interpolating linearly between order statistics (R's type 7). */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
