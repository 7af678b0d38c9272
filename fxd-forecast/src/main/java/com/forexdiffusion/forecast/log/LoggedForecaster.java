package com.forexdiffusion.forecast.log;

import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;

import java.sql.Connection;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A forecaster whose every forecast is written to the prediction log and counted by the model's health monitor
 * (SPEC §5), as the paper and live engines need. Before each call it resolves the predictions whose target bar
 * has closed by the clock's time, so outcomes and rolling accuracy stay current; with a replay clock (the time of
 * the event being processed) nothing is resolved before its time even when later bars are stored. A failed call
 * is counted as an error of the model and rethrown. Not thread-safe.
 */
public final class LoggedForecaster implements Forecaster, AutoCloseable {
    private final Forecaster inner;
    private final PredictionLog log;
    private final PriceSource prices;
    private final Supplier<Connection> connections;
    private final InstantSource clock;
    private final int everyForecasts;
    private final long everyMillis;
    private final Map<String, InferenceMonitor> monitors = new HashMap<>();
    private long resolved;
    private long logged;

    public LoggedForecaster(Forecaster inner, Supplier<Connection> connections, InstantSource clock, PriceSource prices,
                            int everyForecasts, long everyMillis) {
        this.inner = inner;
        this.connections = connections;
        this.clock = clock;
        this.prices = prices;
        this.log = new PredictionLog(connections, clock);
        this.everyForecasts = everyForecasts;
        this.everyMillis = everyMillis;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String version() {
        return inner.version();
    }

    @Override
    public int lookback() {
        return inner.lookback();
    }

    @Override
    public Forecast forecast(ForecastRequest request) {
        return forecastBatch(List.of(request)).get(0);
    }

    @Override
    public List<Forecast> forecastBatch(List<ForecastRequest> requests) {
        resolved += log.resolve(prices);
        List<Forecast> out;
        try {
            out = inner.forecastBatch(requests);
        } catch (RuntimeException e) {
            ForecastRequest r = requests.get(0);
            monitor(inner.version(), r.symbol(), r.timeframe().name()).failed(e);
            throw e;
        }
        for (int i = 0; i < out.size(); i++) {
            Forecast f = out.get(i);
            log.record(f, requests.get(i).samples());
            logged++;
            monitor(f.modelVersion(), f.symbol(), f.timeframe().name()).served(f);
        }
        return out;
    }

    private InferenceMonitor monitor(String version, String symbol, String timeframe) {
        return monitors.computeIfAbsent(version + "|" + symbol + "|" + timeframe, k -> new InferenceMonitor(connections,
                clock, version, symbol, timeframe, everyForecasts, everyMillis));
    }

    /** Forecasts written to the log so far. */
    public long logged() {
        return logged;
    }

    /** Predictions resolved so far (including ones logged by earlier processes). */
    public long resolved() {
        return resolved;
    }

    /** Resolves what is due and writes every monitor's current window. */
    @Override
    public void close() {
        resolved += log.resolve(prices);
        monitors.values().forEach(InferenceMonitor::flush);
    }
}
