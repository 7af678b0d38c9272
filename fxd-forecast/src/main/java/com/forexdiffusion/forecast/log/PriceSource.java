package com.forexdiffusion.forecast.log;

import com.forexdiffusion.core.Timeframe;

import java.util.OptionalDouble;

/** Realised closes, by the label (open time) of the bar. Implemented over the candle store by the application. */
@FunctionalInterface
public interface PriceSource {
    OptionalDouble closeAt(String symbol, Timeframe timeframe, long barOpenMs);
}
