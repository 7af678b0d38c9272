package com.forexdiffusion.trading.paper;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.SampleStatistics;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * A forecaster that trades, for session tests: it expects the last bar's return to continue with a narrow spread, so
 * that signals come both ways. Reads only its window.
 */
final class MomentumFactory implements ForecasterFactory {
    @Override
    public String name() {
        return "momentum";
    }

    @Override
    public Forecaster fit(BarSeries train) {
        return new Forecaster() {
            public String name() {
                return "momentum";
            }

            public String version() {
                return "test";
            }

            public int lookback() {
                return 2;
            }

            public Forecast forecast(ForecastRequest r) {
                BarSeries w = r.window();
                double last = r.lastClose();
                double ret = Math.log(last / w.close(w.size() - 2));
                List<HorizonForecast> out = new ArrayList<>();
                for (Horizon h : r.horizons()) {
                    double mu = 10 * ret * h.bars(r.timeframe());
                    double[] p = new double[9];
                    for (int k = 0; k < p.length; k++) {
                        p[k] = last * Math.exp(mu + 0.4 * Math.abs(mu) * (k - 4) / 4.0);
                    }
                    out.add(SampleStatistics.fromPrices(h, r.time() + h.minutes() * 60_000L, p, new double[0], false));
                }
                return new Forecast(r.symbol(), r.timeframe(), r.time(), last, out, 0, name(), version());
            }
        };
    }
}
