package com.forexdiffusion.forecast.longhorizon;

import com.forexdiffusion.core.ProgressListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The long-horizon protocol (SPEC §6): lookback L, horizons H, MSE and MAE over every test window, step and
 * channel in the z-scored space. Forecasters: DLinear (closed form, fitted on the training rows) and the naive
 * repeat-last-value forecast, which is what a zero-return random walk predicts.
 */
public final class LongHorizonBenchmark {
    private LongHorizonBenchmark() {
    }

    public record Score(double mse, double mae, long points) {
    }

    /** Forecasts, in the z-scored space, of the h values after each window's lookback rows. */
    public interface SequenceForecaster {
        /**
         * @param windows {first lookback row, channel} per window
         * @return per window at least h predicted values, the first for the row right after the lookback
         */
        double[][] predict(int[][] windows, int h);
    }

    /** Per forecaster ("dlinear", "repeat-last"), per horizon, over every test window. */
    public static Map<String, Map<Integer, Score>> run(LongHorizonData data, int lookback, List<Integer> horizons) {
        return run(data, lookback, horizons, 1);
    }

    /** As {@link #run(LongHorizonData, int, List)} over every {@code stride}-th test window. */
    public static Map<String, Map<Integer, Score>> run(LongHorizonData data, int lookback, List<Integer> horizons,
                                                      int stride) {
        Map<String, Map<Integer, Score>> out = new LinkedHashMap<>();
        out.put("dlinear", new LinkedHashMap<>());
        out.put("repeat-last", new LinkedHashMap<>());
        double[][] v = data.values();
        for (int h : horizons) {
            LinearMap m = LinearMap.fit(v, data.starts()[0], data.ends()[0], lookback, h);
            out.get("dlinear").put(h, score(data, lookback, h, (windows, hh) -> {
                double[][] p = new double[windows.length][hh];
                for (int i = 0; i < windows.length; i++) {
                    m.predict(v, windows[i][0], windows[i][1], p[i]);
                }
                return p;
            }, stride, 1024, null));
            out.get("repeat-last").put(h, score(data, lookback, h, (windows, hh) -> {
                double[][] p = new double[windows.length][hh];
                for (int i = 0; i < windows.length; i++) {
                    Arrays.fill(p[i], v[windows[i][0] + lookback - 1][windows[i][1]]);
                }
                return p;
            }, stride, 1024, null));
        }
        return out;
    }

    /**
     * MSE and MAE over the test windows whose h targets lie inside the test split, every {@code stride}-th start
     * row and every channel, asked of the forecaster {@code batch} windows at a time; {@code progress} (may be
     * null) hears the windows done.
     */
    public static Score score(LongHorizonData data, int lookback, int h, SequenceForecaster f, int stride, int batch,
                              ProgressListener progress) {
        double[][] v = data.values();
        int start = data.starts()[2];
        int end = data.ends()[2];
        int c = data.channels();
        List<int[]> all = new ArrayList<>();
        for (int s = start; s + lookback + h <= end; s += stride) {
            for (int ch = 0; ch < c; ch++) {
                all.add(new int[] {s, ch});
            }
        }
        double se = 0;
        double ae = 0;
        long n = 0;
        for (int from = 0; from < all.size(); from += batch) {
            int[][] windows = all.subList(from, Math.min(all.size(), from + batch)).toArray(new int[0][]);
            double[][] pred = f.predict(windows, h);
            for (int i = 0; i < windows.length; i++) {
                int s = windows[i][0];
                int ch = windows[i][1];
                for (int k = 0; k < h; k++) {
                    double e = pred[i][k] - v[s + lookback + k][ch];
                    se += e * e;
                    ae += Math.abs(e);
                    n++;
                }
            }
            if (progress != null) {
                progress.update(from + windows.length, all.size());
            }
        }
        return new Score(se / n, ae / n, n);
    }
}
