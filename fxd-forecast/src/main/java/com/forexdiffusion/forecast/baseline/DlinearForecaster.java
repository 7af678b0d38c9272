package com.forexdiffusion.forecast.baseline;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.Fingerprint;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.longhorizon.LinearMap;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * DLinear on bar log returns: the last L returns (z-scored with training statistics) map linearly to the next
 * returns up to the longest horizon, fitted in closed form on the training bars; a horizon's forecast is the sum of
 * its predicted returns, with normal errors whose σ is the residual spread of that sum on the training windows.
 */
public final class DlinearForecaster implements Forecaster {
    private final LinearMap map;
    private final int lookback;
    private final Timeframe timeframe;
    private final double mean;
    private final double std;
    private final int maxBars;
    private final java.util.Map<Horizon, Double> residualSigma;
    private final String version;

    private DlinearForecaster(LinearMap map, int lookback, Timeframe timeframe, double mean, double std, int maxBars,
                              java.util.Map<Horizon, Double> residualSigma) {
        this.map = map;
        this.lookback = lookback;
        this.timeframe = timeframe;
        this.mean = mean;
        this.std = std;
        this.maxBars = maxBars;
        this.residualSigma = residualSigma;
        double[] fit = new double[2 + residualSigma.size()];
        fit[0] = mean;
        fit[1] = std;
        int k = 2;
        for (double sigma : residualSigma.values()) {
            fit[k++] = sigma;
        }
        this.version = "lookback=" + lookback + ",bars=" + maxBars + ",fit=" + Fingerprint.hex(fit);
    }

    public static DlinearForecaster fit(BarSeries train, int lookback, List<Horizon> horizons) {
        int maxBars = horizons.stream().mapToInt(h -> h.bars(train.timeframe())).max().orElseThrow();
        int n = train.size() - 1;
        if (n < lookback + maxBars + 50) {
            throw BadInputException.ofField("train", "DLinear needs at least " + (lookback + maxBars + 51)
                    + " training bars, got " + train.size());
        }
        double[][] z = new double[n][1];
        double m = 0;
        for (int i = 0; i < n; i++) {
            z[i][0] = Math.log(train.close(i + 1) / train.close(i));
            m += z[i][0] / n;
        }
        double v = 0;
        for (int i = 0; i < n; i++) {
            v += (z[i][0] - m) * (z[i][0] - m) / n;
        }
        double s = v > 0 ? Math.sqrt(v) : 1;
        for (int i = 0; i < n; i++) {
            z[i][0] = (z[i][0] - m) / s;
        }
        LinearMap map = LinearMap.fit(z, 0, n, lookback, maxBars);
        java.util.Map<Horizon, Double> sigma = new java.util.LinkedHashMap<>();
        double[] pred = new double[maxBars];
        double[] sq = new double[horizons.size()];
        int windows = 0;
        for (int st = 0; st + lookback + maxBars <= n; st++) {
            map.predict(z, st, 0, pred);
            for (int k = 0; k < horizons.size(); k++) {
                int hb = horizons.get(k).bars(train.timeframe());
                double p = 0;
                double a = 0;
                for (int j = 0; j < hb; j++) {
                    p += pred[j] * s + m;
                    a += z[st + lookback + j][0] * s + m;
                }
                sq[k] += (a - p) * (a - p);
            }
            windows++;
        }
        for (int k = 0; k < horizons.size(); k++) {
            sigma.put(horizons.get(k), Math.sqrt(sq[k] / windows));
        }
        return new DlinearForecaster(map, lookback, train.timeframe(), m, s, maxBars, sigma);
    }

    @Override
    public String name() {
        return "dlinear";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int lookback() {
        return lookback + 1;
    }

    @Override
    public Forecast forecast(ForecastRequest request) {
        long t0 = System.nanoTime();
        BarSeries w = request.window();
        if (w.size() < lookback + 1 || request.timeframe() != timeframe) {
            throw BadInputException.ofField("window", "dlinear needs " + (lookback + 1) + " " + timeframe
                    + " bars, got " + w.size() + " " + request.timeframe());
        }
        double[][] z = new double[lookback][1];
        int off = w.size() - lookback - 1;
        for (int i = 0; i < lookback; i++) {
            z[i][0] = (Math.log(w.close(off + i + 1) / w.close(off + i)) - mean) / std;
        }
        double[] pred = new double[maxBars];
        map.predict(z, 0, 0, pred);
        SplittableRandom rnd = new SplittableRandom(request.seed());
        List<HorizonForecast> out = new ArrayList<>();
        for (Horizon h : request.horizons()) {
            Double sigma = residualSigma.get(h);
            if (sigma == null) {
                throw BadInputException.ofField("horizons", "dlinear was fitted for " + residualSigma.keySet()
                        + ", not " + h);
            }
            int hb = h.bars(timeframe);
            double mu = 0;
            for (int j = 0; j < hb; j++) {
                mu += pred[j] * std + mean;
            }
            out.add(LognormalForecast.of(h, request.time() + h.minutes() * 60_000L, request.lastClose(), mu, sigma,
                    new double[0], rnd, request.samples(), request.keepSamples()));
        }
        return new Forecast(request.symbol(), timeframe, request.time(), request.lastClose(), out,
                (System.nanoTime() - t0) / 1e6, name(), version());
    }
}
