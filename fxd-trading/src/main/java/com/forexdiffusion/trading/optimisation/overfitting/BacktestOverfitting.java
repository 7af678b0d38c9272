package com.forexdiffusion.trading.optimisation.overfitting;

import com.forexdiffusion.core.BadInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * The probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey, Borwein, López de
 * Prado & Zhu, "The Probability of Backtest Overfitting", 2017). The performance of every trial on each of S blocks
 * (here: walk-forward folds) is split every way into S/2 in-sample and S/2 out-of-sample blocks; for each split the
 * trial best in sample is ranked out of sample, ω = rank / (N + 1), λ = ln(ω / (1 − ω)); PBO is the share of splits
 * with λ ≤ 0, i.e. where the in-sample winner is at or below the out-of-sample median.
 */
public final class BacktestOverfitting {
    private BacktestOverfitting() {
    }

    /**
     * @param pbo     the probability of backtest overfitting
     * @param logits  λ of each split, in the order of the splits
     * @param blocks  the blocks used (an odd count drops the earliest block)
     */
    public record Result(double pbo, List<Double> logits, int blocks, int trials) {
    }

    /**
     * @param performance [trial][block], larger is better; a block's figure of a trial is averaged over the blocks of
     *                    a side. Ties in sample go to the lower trial index; ties out of sample share their rank.
     */
    public static Result cscv(double[][] performance) {
        int n = performance.length;
        if (n < 2) {
            throw BadInputException.ofField("trials", "PBO needs at least 2 trials, got " + n);
        }
        int s = performance[0].length;
        int first = s % 2;
        int blocks = s - first;
        if (blocks < 2) {
            throw BadInputException.ofField("folds", "PBO needs at least 2 folds, got " + s);
        }
        List<Double> logits = new ArrayList<>();
        int overfit = 0;
        for (int[] in : halves(blocks)) {
            boolean[] isIn = new boolean[blocks];
            for (int b : in) {
                isIn[b] = true;
            }
            double[] is = new double[n];
            double[] oos = new double[n];
            for (int t = 0; t < n; t++) {
                for (int b = 0; b < blocks; b++) {
                    double v = performance[t][first + b];
                    if (isIn[b]) {
                        is[t] += v;
                    } else {
                        oos[t] += v;
                    }
                }
            }
            int best = 0;
            for (int t = 1; t < n; t++) {
                if (is[t] > is[best]) {
                    best = t;
                }
            }
            double omega = rank(oos, best) / (n + 1);
            double lambda = Math.log(omega / (1 - omega));
            logits.add(lambda);
            if (lambda <= 0) {
                overfit++;
            }
        }
        return new Result((double) overfit / logits.size(), List.copyOf(logits), blocks, n);
    }

    /** 1 for the worst, N for the best; tied values share the mean of their ranks. */
    private static double rank(double[] v, int k) {
        int below = 0;
        int tied = 0;
        for (int t = 0; t < v.length; t++) {
            if (v[t] < v[k]) {
                below++;
            } else if (v[t] == v[k] && t != k) {
                tied++;
            }
        }
        return 1 + below + tied / 2.0;
    }

    /** Every subset of size m/2 of {0..m−1}, in lexicographic order. */
    static List<int[]> halves(int m) {
        List<int[]> out = new ArrayList<>();
        choose(new int[m / 2], 0, 0, m, out);
        return out;
    }

    private static void choose(int[] cur, int pos, int from, int m, List<int[]> out) {
        if (pos == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = from; i <= m - (cur.length - pos); i++) {
            cur[pos] = i;
            choose(cur, pos + 1, i + 1, m, out);
        }
    }
}
