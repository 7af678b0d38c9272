package com.forexdiffusion.trading.regime;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;

import java.util.EnumMap;
import java.util.Map;

/**
 * Regimes from a 4-state Gaussian HMM (SPEC §7) on four features of each bar, all computed from that bar and the
 * ones before it: log return, rolling volatility of returns, range (high − low) / close, and log volume ratio to
 * the rolling mean. Features are standardised with the statistics of the fitting data. States are labelled by
 * their means: the highest volatility is VOLATILE; of the rest, the highest return TRENDING_UP, the lowest
 * TRENDING_DOWN, the remaining one RANGING. Confidence is the filtered posterior, which uses no later bar.
 */
public final class RegimeDetector {
    static final int FEATURES = 4;

    private final GaussianHmm hmm;
    private final int window;
    private final double[] mean;
    private final double[] std;
    private final Regime[] labels;

    private RegimeDetector(GaussianHmm hmm, int window, double[] mean, double[] std, Regime[] labels) {
        this.hmm = hmm;
        this.window = window;
        this.mean = mean;
        this.std = std;
        this.labels = labels;
    }

    /** The regime at one bar, its posterior probability, and the posterior of every regime. */
    public record Estimate(Regime regime, double confidence, Map<Regime, Double> posterior) {
    }

    /** The fewest training bars a fit with this rolling window accepts: 200 feature rows after the window. */
    public static int minTrainingBars(int window) {
        return MIN_ROWS + window;
    }

    private static final int MIN_ROWS = 200;

    public static RegimeDetector fit(BarSeries train, int window, long seed) {
        if (window < 2) {
            throw BadInputException.ofField("regime.window", "rolling window must be at least 2 bars, got " + window);
        }
        double[][] raw = features(train, window);
        int n = raw.length;
        if (n < MIN_ROWS) {
            throw BadInputException.ofField("regime", "fitting the regime model needs at least " + minTrainingBars(window)
                    + " bars, got " + train.size());
        }
        double[] m = new double[FEATURES];
        double[] s = new double[FEATURES];
        for (double[] f : raw) {
            for (int d = 0; d < FEATURES; d++) {
                m[d] += f[d] / n;
            }
        }
        for (double[] f : raw) {
            for (int d = 0; d < FEATURES; d++) {
                s[d] += (f[d] - m[d]) * (f[d] - m[d]) / n;
            }
        }
        for (int d = 0; d < FEATURES; d++) {
            s[d] = Math.sqrt(Math.max(s[d], 1e-24));
        }
        GaussianHmm hmm = GaussianHmm.fit(standardise(raw, m, s), 4, seed, 200, 1e-7);
        return new RegimeDetector(hmm, window, m, s, label(hmm));
    }

    /** Labels by state means: feature 1 is volatility, feature 0 the return. */
    static Regime[] label(GaussianHmm hmm) {
        int k = hmm.states();
        Regime[] out = new Regime[k];
        int volatile_ = 0;
        for (int i = 1; i < k; i++) {
            if (hmm.means()[i][1] > hmm.means()[volatile_][1]) {
                volatile_ = i;
            }
        }
        out[volatile_] = Regime.VOLATILE;
        int up = -1;
        int down = -1;
        for (int i = 0; i < k; i++) {
            if (i == volatile_) {
                continue;
            }
            if (up < 0 || hmm.means()[i][0] > hmm.means()[up][0]) {
                up = i;
            }
            if (down < 0 || hmm.means()[i][0] < hmm.means()[down][0]) {
                down = i;
            }
        }
        out[up] = Regime.TRENDING_UP;
        out[down] = Regime.TRENDING_DOWN;
        for (int i = 0; i < k; i++) {
            if (out[i] == null) {
                out[i] = Regime.RANGING;
            }
        }
        return out;
    }

    /**
     * Estimates for every bar from index window onwards (earlier bars have no full feature window and get
     * null). The estimate at bar t depends on bars 0..t only.
     */
    public Estimate[] estimates(BarSeries bars) {
        double[][] f = standardise(features(bars, window), mean, std);
        double[][] post = hmm.filtered(f);
        Estimate[] out = new Estimate[bars.size()];
        for (int t = 0; t < post.length; t++) {
            EnumMap<Regime, Double> p = new EnumMap<>(Regime.class);
            int best = 0;
            for (int s = 0; s < post[t].length; s++) {
                p.merge(labels[s], post[t][s], Double::sum);
                if (post[t][s] > post[t][best]) {
                    best = s;
                }
            }
            out[t + window] = new Estimate(labels[best], post[t][best], Map.copyOf(p));
        }
        return out;
    }

    /** Feature rows for bars window..n−1. */
    static double[][] features(BarSeries b, int window) {
        int n = b.size();
        if (n <= window) {
            return new double[0][FEATURES];
        }
        double[] r = new double[n];
        for (int i = 1; i < n; i++) {
            r[i] = Math.log(b.close(i) / b.close(i - 1));
        }
        double[][] out = new double[n - window][FEATURES];
        for (int i = window; i < n; i++) {
            double sum = 0;
            double sq = 0;
            double vol = 0;
            for (int j = i - window + 1; j <= i; j++) {
                sum += r[j];
                sq += r[j] * r[j];
                vol += b.volume(j - 1);
            }
            double mr = sum / window;
            double[] f = out[i - window];
            f[0] = r[i];
            f[1] = Math.sqrt(Math.max(0, sq / window - mr * mr));
            f[2] = (b.high(i) - b.low(i)) / b.close(i);
            double avgVol = vol / window;
            f[3] = avgVol > 0 && b.volume(i) > 0 ? Math.log(b.volume(i) / avgVol) : 0;
        }
        return out;
    }

    private static double[][] standardise(double[][] raw, double[] m, double[] s) {
        double[][] out = new double[raw.length][FEATURES];
        for (int t = 0; t < raw.length; t++) {
            for (int d = 0; d < FEATURES; d++) {
                out[t][d] = (raw[t][d] - m[d]) / s[d];
            }
        }
        return out;
    }
}
