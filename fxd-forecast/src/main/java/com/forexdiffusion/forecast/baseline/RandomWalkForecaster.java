package com.forexdiffusion.forecast.baseline;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.Fingerprint;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.HorizonForecast;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The random-walk baselines: the price is a martingale (expected change zero) and only the volatility is
 * forecast, either by EWMA (λ = 0.94) or by a GARCH(1,1) fitted beforehand on earlier data. Each reads the log
 * returns of its window only.
 */
public final class RandomWalkForecaster implements Forecaster {
    private final String name;
    private final String version;
    private final int lookback;
    private final double lambda;
    private final Garch11 garch;

    private RandomWalkForecaster(String name, String version, int lookback, double lambda, Garch11 garch) {
        this.name = name;
        this.version = version;
        this.lookback = lookback;
        this.lambda = lambda;
        this.garch = garch;
    }

    /** EWMA volatility with decay λ over the last {@code lookback} bars. */
    public static RandomWalkForecaster ewma(int lookback, double lambda) {
        if (lambda <= 0 || lambda >= 1) {
            throw BadInputException.ofField("lambda", "EWMA decay must be in (0, 1), got " + lambda);
        }
        return new RandomWalkForecaster("rw-ewma", "lambda=" + lambda + ",lookback=" + lookback, lookback, lambda,
                null);
    }

    /** GARCH(1,1) volatility with parameters fitted on data before any forecast time. */
    public static RandomWalkForecaster garch(int lookback, Garch11 params) {
        return new RandomWalkForecaster("rw-garch", String.format(java.util.Locale.ROOT,
                "omega=%.4g,alpha=%.4f,beta=%.4f,lookback=%d,fit=%s", params.omega(), params.alpha(), params.beta(),
                lookback, Fingerprint.hex(params.omega(), params.alpha(), params.beta())), lookback, 0, params);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int lookback() {
        return lookback;
    }

    @Override
    public Forecast forecast(ForecastRequest request) {
        long t0 = System.nanoTime();
        BarSeries w = request.window();
        if (w.size() < 2) {
            throw BadInputException.ofField("window", name + " needs at least 2 bars, got " + w.size());
        }
        int from = Math.max(0, w.size() - lookback - 1);
        double[] r = new double[w.size() - 1 - from];
        for (int i = from + 1; i < w.size(); i++) {
            r[i - from - 1] = Math.log(w.close(i) / w.close(i - 1));
        }
        double h1 = garch == null ? EwmaVolatility.nextVariance(r, lambda) : garch.filter(r);
        SplittableRandom rnd = new SplittableRandom(request.seed());
        List<HorizonForecast> out = new ArrayList<>();
        double last = request.lastClose();
        for (Horizon h : request.horizons()) {
            int bars = h.bars(request.timeframe());
            double var = garch == null ? h1 * bars : garch.aggregateVariance(h1, bars);
            out.add(LognormalForecast.of(h, request.time() + h.minutes() * 60_000L, last, Math.sqrt(var),
                    new double[0], rnd, request.samples(), request.keepSamples()));
        }
        return new Forecast(request.symbol(), request.timeframe(), request.time(), last, out,
                (System.nanoTime() - t0) / 1e6, name, version);
    }
}
