package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Instrument;

import java.util.Map;

/** Correlation of two symbols' returns as known at a time (estimated on bars that had closed by then). */
@FunctionalInterface
public interface Correlations {
    double rho(String a, String b, long time);

    /**
     * Pearson correlation of the log returns of the last {@code window} bars of {@code a} closed by {@code time} with
     * the returns of {@code b} over the same bar labels (bars missing in either are skipped); 0 with fewer than 10
     * common returns.
     */
    static Correlations ofReturns(Map<String, BarSeries> series, int window) {
        return (a, b, time) -> {
            BarSeries x = series.get(Instrument.normalise(a));
            BarSeries y = series.get(Instrument.normalise(b));
            if (x == null || y == null) {
                return 0;
            }
            int end = x.lowerBound(time) - 1;
            while (end >= 0 && x.timeframe().next(x.ts(end)) > time) {
                end--;
            }
            double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            int n = 0;
            for (int i = end; i >= 1 && i > end - window; i--) {
                int j = y.lowerBound(x.ts(i));
                if (j < 1 || j >= y.size() || y.ts(j) != x.ts(i) || y.ts(j - 1) != x.ts(i - 1)) {
                    continue;
                }
                double rx = Math.log(x.close(i) / x.close(i - 1));
                double ry = Math.log(y.close(j) / y.close(j - 1));
                sx += rx;
                sy += ry;
                sxx += rx * rx;
                syy += ry * ry;
                sxy += rx * ry;
                n++;
            }
            if (n < 10) {
                return 0;
            }
            double cov = sxy - sx * sy / n;
            double vx = sxx - sx * sx / n;
            double vy = syy - sy * sy / n;
            return vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : 0;
        };
    }
}
