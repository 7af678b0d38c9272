package com.forexdiffusion.forecast;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;

import java.util.List;

/**
 * What to forecast: the bars up to and including the bar labelled t (its close is the last known price),
 * the horizons, and how many Monte Carlo samples to draw with which seed. A forecaster reads nothing but
 * this window, so whatever comes after t cannot leak in.
 *
 * @param keepSamples whether the forecast should carry its raw samples (for CRPS, fan charts)
 */
public record ForecastRequest(BarSeries window, List<Horizon> horizons, int samples, long seed, boolean keepSamples) {
    public ForecastRequest {
        if (window == null || window.isEmpty()) {
            throw BadInputException.ofField("window", "a forecast needs at least one bar");
        }
        if (horizons == null || horizons.isEmpty()) {
            throw BadInputException.ofField("horizons", "a forecast needs at least one horizon");
        }
        for (Horizon h : horizons) {
            h.bars(window.timeframe());
        }
        if (samples < 1) {
            throw BadInputException.ofField("samples", "the sample count must be at least 1, got " + samples);
        }
        horizons = List.copyOf(horizons);
    }

    public static ForecastRequest of(BarSeries window, List<Horizon> horizons, int samples, long seed) {
        return new ForecastRequest(window, horizons, samples, seed, false);
    }

    public String symbol() {
        return window.symbol();
    }

    public Timeframe timeframe() {
        return window.timeframe();
    }

    /** The label (open time) of the last bar in the window. */
    public long time() {
        return window.lastTs();
    }

    public double lastClose() {
        return window.close(window.size() - 1);
    }
}
