package com.forexdiffusion.trading.engine;

import com.forexdiffusion.trading.signal.Direction;
import com.forexdiffusion.trading.signal.Signal;

/**
 * An order the engine decided on: when, from which signal, at which planned entry, calibrated stop and size, and
 * whether it was taken (by the risk manager's exposure limits, then the broker). Two runs that decided alike have
 * equal lists of these.
 *
 * @param time           decision time (the close of the bar the forecast was made at)
 * @param entry          the close for a market entry, the level of a stop or limit entry
 * @param uncertaintyPct u of the signal (calibrated), percent of price
 * @param reason         why it was rejected or reduced (the exposure limit, the broker's reason), null otherwise
 */
public record OrderDecision(long time, String signalId, Direction direction, double entry, double stop, double target,
                            double lots, double uncertaintyPct, boolean accepted, String reason) {
    static OrderDecision of(long time, Signal s, double lots, boolean accepted, String reason) {
        return new OrderDecision(time, s.id(), s.direction(), s.entry(), s.stop(), s.target(), lots,
                s.metadata().uncertaintyPct(), accepted, reason);
    }
}
