package com.forexdiffusion.forecast.longhorizon;

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

    /** Per forecaster ("dlinear", "repeat-last"), per horizon. */
    public static Map<String, Map<Integer, Score>> run(LongHorizonData data, int lookback, List<Integer> horizons) {
        Map<String, Map<Integer, Score>> out = new LinkedHashMap<>();
        out.put("dlinear", new LinkedHashMap<>());
        out.put("repeat-last", new LinkedHashMap<>());
        for (int h : horizons) {
            LinearMap m = LinearMap.fit(data.values(), data.starts()[0], data.ends()[0], lookback, h);
            out.get("dlinear").put(h, score(data, lookback, h, m));
            out.get("repeat-last").put(h, score(data, lookback, h, null));
        }
        return out;
    }

    static Score score(LongHorizonData data, int lookback, int h, LinearMap m) {
        double[][] v = data.values();
        int start = data.starts()[2];
        int end = data.ends()[2];
        double se = 0;
        double ae = 0;
        long n = 0;
        double[] pred = new double[h];
        for (int s = start; s + lookback + h <= end; s++) {
            for (int c = 0; c < data.channels(); c++) {
                if (m != null) {
                    m.predict(v, s, c, pred);
                } else {
                    java.util.Arrays.fill(pred, v[s + lookback - 1][c]);
                }
                for (int k = 0; k < h; k++) {
                    double e = pred[k] - v[s + lookback + k][c];
                    se += e * e;
                    ae += Math.abs(e);
                    n++;
                }
            }
        }
        return new Score(se / n, ae / n, n);
    }
}
