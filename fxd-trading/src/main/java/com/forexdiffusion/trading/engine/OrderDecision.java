package com.forexdiffusion.trading.engine;

import com.forexdiffusion.trading.signal.Direction;

/**
 * An order the engine sent to the broker: when, from which signal, at which calibrated stop and size, and whether
 * the broker took it. Two runs that decided alike have equal lists of these.
 *
 * @param time           decision time (the close of the bar the forecast was made at)
 * @param uncertaintyPct u of the signal (calibrated), percent of price
 */
public record OrderDecision(long time, String signalId, Direction direction, double entry, double stop, double target,
                            double lots, double uncertaintyPct, boolean accepted) {
}
