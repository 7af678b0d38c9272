package com.forexdiffusion.ldm4ts.train;

import com.forexdiffusion.forecast.SampleStatistics;
import com.forexdiffusion.forecast.metrics.ScoringRules;
import com.forexdiffusion.ldm4ts.checkpoint.HorizonValidation;
import com.forexdiffusion.ldm4ts.checkpoint.ValidationMetrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums of the validation figures per horizon over windows, from each window's raw samples and its outcome. */
final class ValidationAccumulator {
    private final List<Integer> horizons;
    private final double[] sq;
    private final double[] abs;
    private final double[] zeroSq;
    private final double[] crps;
    private final double[] std;
    private final long[] covered;
    private final long[] hits;
    private final long[] moves;
    private long windows;

    ValidationAccumulator(List<Integer> horizons) {
        this.horizons = List.copyOf(horizons);
        int h = horizons.size();
        sq = new double[h];
        abs = new double[h];
        zeroSq = new double[h];
        crps = new double[h];
        std = new double[h];
        covered = new long[h];
        hits = new long[h];
        moves = new long[h];
    }

    /** One window's samples of horizon k (log returns) and the realised log return. */
    void add(int k, double[] samples, double actual) {
        if (k == 0) {
            windows++;
        }
        double mean = SampleStatistics.mean(samples);
        sq[k] += (mean - actual) * (mean - actual);
        abs[k] += Math.abs(mean - actual);
        zeroSq[k] += actual * actual;
        crps[k] += ScoringRules.crps(samples, actual);
        std[k] += samples.length > 1 ? SampleStatistics.std(samples) : 0;
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        if (ScoringRules.covered(SampleStatistics.predictiveQuantileSorted(sorted, 0.05),
                SampleStatistics.predictiveQuantileSorted(sorted, 0.95), actual)) {
            covered[k]++;
        }
        if (actual != 0 && mean != 0) {
            moves[k]++;
            hits[k] += Math.signum(mean) == Math.signum(actual) ? 1 : 0;
        }
    }

    ValidationMetrics metrics() {
        Map<String, HorizonValidation> per = new LinkedHashMap<>();
        for (int k = 0; k < horizons.size(); k++) {
            per.put(String.valueOf(horizons.get(k)), horizon(k));
        }
        HorizonValidation first = per.values().iterator().next();
        return new ValidationMetrics(first.mse(), first.mae(), first.directionalAccuracy(), first.zeroReturnMse(),
                windows, per);
    }

    private HorizonValidation horizon(int k) {
        double n = Math.max(1, windows);
        return new HorizonValidation(sq[k] / n, abs[k] / n, moves[k] == 0 ? Double.NaN : (double) hits[k] / moves[k],
                zeroSq[k] / n, sq[k] / zeroSq[k], crps[k] / n, covered[k] / n, std[k] / n);
    }
}
