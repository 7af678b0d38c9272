package com.forexdiffusion.forecast.evaluation;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.baseline.Garch11;
import com.forexdiffusion.forecast.baseline.RandomWalkForecaster;

/**
 * Builds a forecaster from a training stretch of bars, so that walk-forward evaluation can refit per fold with
 * nothing from after the fold's training data.
 */
public interface ForecasterFactory {
    String name();

    Forecaster fit(BarSeries train);

    /** The baseline named on a command line: rw-ewma, rw-garch or dlinear (which needs the horizons). */
    static ForecasterFactory named(String name, java.util.List<com.forexdiffusion.core.Horizon> horizons) {
        return switch (name.trim()) {
            case "rw-ewma" -> rwEwma();
            case "rw-garch" -> rwGarch();
            case "dlinear" -> dlinear(horizons);
            default -> throw com.forexdiffusion.core.BadInputException.ofField("forecaster", "unknown forecaster '"
                    + name + "' (available: rw-ewma, rw-garch, dlinear; LDM4TS comes with its model)");
        };
    }

    /** Random walk with EWMA volatility (λ = 0.94, 500-bar lookback); nothing to fit. */
    static ForecasterFactory rwEwma() {
        return new ForecasterFactory() {
            @Override
            public String name() {
                return "rw-ewma";
            }

            @Override
            public Forecaster fit(BarSeries train) {
                return RandomWalkForecaster.ewma(500, 0.94);
            }
        };
    }

    /** DLinear on log returns (lookback 96), fitted in closed form on the training bars for these horizons. */
    static ForecasterFactory dlinear(java.util.List<com.forexdiffusion.core.Horizon> horizons) {
        return new ForecasterFactory() {
            @Override
            public String name() {
                return "dlinear";
            }

            @Override
            public Forecaster fit(BarSeries train) {
                return com.forexdiffusion.forecast.baseline.DlinearForecaster.fit(train, 96, horizons);
            }
        };
    }

    /** Random walk with GARCH(1,1) volatility fitted by maximum likelihood on the training bars' log returns. */
    static ForecasterFactory rwGarch() {
        return new ForecasterFactory() {
            @Override
            public String name() {
                return "rw-garch";
            }

            @Override
            public Forecaster fit(BarSeries train) {
                double[] r = new double[train.size() - 1];
                for (int i = 1; i < train.size(); i++) {
                    r[i - 1] = Math.log(train.close(i) / train.close(i - 1));
                }
                return RandomWalkForecaster.garch(1000, Garch11.fit(r));
            }
        };
    }
}
