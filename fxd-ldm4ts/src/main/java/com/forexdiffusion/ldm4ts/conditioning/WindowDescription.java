package com.forexdiffusion.ldm4ts.conditioning;

import java.util.Arrays;
import java.util.Locale;

/**
 * The statistical text description of one lookback window (SPEC §4 "Conditioning (b)"): symbol, timeframe,
 * trend with its return in percent, volatility level and value, min, max, median and the top autocorrelation
 * lags of the log returns. It reads only the window's closes.
 */
public final class WindowDescription {
    /** Per-bar volatility (std of log returns, percent) above which a window counts as highly volatile. */
    private final double highVolatilityPct;
    private final double flatTrendPct;
    private final int topLags;

    public WindowDescription(double highVolatilityPct, double flatTrendPct, int topLags) {
        this.highVolatilityPct = highVolatilityPct;
        this.flatTrendPct = flatTrendPct;
        this.topLags = topLags;
    }

    /** Thresholds suited to intraday FX bars. */
    public static WindowDescription fx() {
        return new WindowDescription(0.05, 0.05, 3);
    }

    public String describe(String symbol, String timeframe, double[] closes, int from, int length) {
        if (length < 3) {
            throw new IllegalArgumentException("a window description needs at least 3 closes, got " + length);
        }
        double first = closes[from];
        double last = closes[from + length - 1];
        double retPct = (last / first - 1) * 100;
        double[] r = new double[length - 1];
        double mean = 0;
        for (int i = 1; i < length; i++) {
            r[i - 1] = Math.log(closes[from + i] / closes[from + i - 1]);
            mean += r[i - 1];
        }
        mean /= r.length;
        double var = 0;
        for (double v : r) {
            var += (v - mean) * (v - mean);
        }
        double volPct = Math.sqrt(var / Math.max(1, r.length - 1)) * 100;
        double[] sorted = Arrays.copyOfRange(closes, from, from + length);
        Arrays.sort(sorted);
        double median = length % 2 == 1 ? sorted[length / 2] : (sorted[length / 2 - 1] + sorted[length / 2]) / 2;
        String trend = retPct > flatTrendPct ? "up" : retPct < -flatTrendPct ? "down" : "flat";
        String vol = volPct > highVolatilityPct ? "high" : "low";
        int[] lags = topAutocorrelationLags(r, mean, var, topLags);
        StringBuilder sb = new StringBuilder(160);
        sb.append(String.format(Locale.ROOT, "%s %s trend %s %+.3f %% volatility %s %.4f %% min %.5f max %.5f median %.5f lags",
                symbol, timeframe, trend, retPct, vol, volPct, sorted[0], sorted[length - 1], median));
        for (int lag : lags) {
            sb.append(' ').append(lag);
        }
        return sb.toString();
    }

    /** The lags 1 … n/4 with the largest absolute autocorrelation, strongest first. */
    static int[] topAutocorrelationLags(double[] r, double mean, double sumSq, int k) {
        int maxLag = Math.max(1, r.length / 4);
        double[] acf = new double[maxLag + 1];
        for (int lag = 1; lag <= maxLag; lag++) {
            double s = 0;
            for (int i = lag; i < r.length; i++) {
                s += (r[i] - mean) * (r[i - lag] - mean);
            }
            acf[lag] = sumSq > 0 ? Math.abs(s / sumSq) : 0;
        }
        int n = Math.min(k, maxLag);
        int[] out = new int[n];
        boolean[] used = new boolean[maxLag + 1];
        for (int j = 0; j < n; j++) {
            int best = -1;
            for (int lag = 1; lag <= maxLag; lag++) {
                if (!used[lag] && (best < 0 || acf[lag] > acf[best])) {
                    best = lag;
                }
            }
            used[best] = true;
            out[j] = best;
        }
        return out;
    }
}
