package com.forexdiffusion.forecast;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;

import java.time.Instant;
import java.util.List;

/**
 * A probabilistic forecast made at time t (the label of the last bar of the window, whose close is
 * {@code lastClose}) for each requested horizon.
 */
public record Forecast(String symbol, Timeframe timeframe, long time, double lastClose,
                       List<HorizonForecast> horizons, double inferenceMillis, String modelName, String modelVersion) {
    public Forecast {
        horizons = List.copyOf(horizons);
        if (horizons.isEmpty()) {
            throw new IllegalArgumentException("a forecast has at least one horizon");
        }
    }

    public Instant instant() {
        return Instant.ofEpochMilli(time);
    }

    public HorizonForecast at(Horizon h) {
        for (HorizonForecast f : horizons) {
            if (f.horizon().equals(h)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no forecast for horizon " + h + " (have " + horizons.stream()
                .map(HorizonForecast::horizon).toList() + ")");
    }

    /** u = 100 · σ / last close, in percent. */
    public double uncertaintyPct(Horizon h) {
        return at(h).uncertaintyPct(lastClose);
    }
}
