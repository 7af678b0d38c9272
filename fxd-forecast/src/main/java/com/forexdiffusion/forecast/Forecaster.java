package com.forexdiffusion.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * Anything that turns a window of bars into a probabilistic forecast per horizon: LDM4TS and every baseline.
 * Signals, backtests and the dashboard see only this, so forecasters are interchangeable.
 */
public interface Forecaster {
    /** Short name used in reports and CLI options ("rw-garch", "ldm4ts"). */
    String name();

    /** Identifies the exact parameters (a checkpoint hash, a fitted parameter set). */
    String version();

    /** Bars the forecaster needs before t; shorter windows are an error. */
    int lookback();

    Forecast forecast(ForecastRequest request);

    /** Forecasts many windows; models override this to batch the work. */
    default List<Forecast> forecastBatch(List<ForecastRequest> requests) {
        List<Forecast> out = new ArrayList<>(requests.size());
        for (ForecastRequest r : requests) {
            out.add(forecast(r));
        }
        return out;
    }
}
