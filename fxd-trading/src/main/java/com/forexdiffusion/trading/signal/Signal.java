package com.forexdiffusion.trading.signal;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;

/**
 * A trade idea from one horizon of one forecast (SPEC §7). Prices are in the quote currency, uncertainty in
 * percent of price.
 *
 * @param id         stable identifier: symbol, timeframe, forecast time and horizon
 * @param time       forecast time t (label of the last bar seen)
 * @param strength   min(|mean − close| / σ, 1), after the uncertainty penalty
 * @param entry      the close at t
 * @param target     the forecast mean
 * @param stop       q05 for a bull signal, q95 for a bear one
 * @param validUntil t + horizon
 */
public record Signal(String id, String symbol, Timeframe timeframe, long time, Horizon horizon, Direction direction,
                     double strength, double entry, double target, double stop, long validUntil, Metadata metadata) {

    /** What the signal was made from. */
    public record Metadata(double mean, double sigma, double uncertaintyPct, double q05, double q50, double q95,
                           double change, double inferenceMillis, int samples, String model) {
    }

    public boolean isValidAt(long ts) {
        return ts >= time && ts < validUntil;
    }

    /** Distance from entry to stop in price; positive for a well-formed signal. */
    public double stopDistance() {
        return Math.abs(entry - stop);
    }
}
