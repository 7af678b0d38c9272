package com.forexdiffusion.cluster;

import com.forexdiffusion.trading.optimisation.study.Objective;

import java.io.Serializable;

/**
 * How an executor builds the objective it runs trials on: a serialisable description (database URL, data range,
 * forecaster, strategy settings) rather than the objective itself, which holds connections and models. An executor
 * JVM opens it once per {@link #key()} and reads the forecasts the driver already put in the forecast cache.
 */
public interface ObjectiveRecipe extends Serializable {
    /** Equal keys open equal objectives. */
    String key();

    Opened open();

    /** An objective with what it holds open. */
    interface Opened extends Objective, AutoCloseable {
        @Override
        void close();
    }
}
