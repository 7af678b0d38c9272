package com.forexdiffusion.trading.engine;

import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.trading.broker.OrderRequest;
import com.forexdiffusion.trading.broker.OrderType;
import com.forexdiffusion.trading.broker.Side;
import com.forexdiffusion.trading.signal.Direction;
import com.forexdiffusion.trading.signal.Signal;

import java.util.Map;
import java.util.Optional;

/**
 * Turns a signal into the entry order its {@link EntrySettings} ask for. A market entry is the signal as it is. A
 * limit entry waits for the forecast's favourable quantile of the signal's horizon (a bull signal buys lower, a bear
 * one sells higher); a stop entry waits for the price to move {@code stopOffsetPips} beyond the close in the
 * signal's direction. The stop-loss and take-profit stay the signal's; the planned entry is what the size is
 * computed against. Reads only the forecast made at the decision time.
 */
final class EntryOrders {
    private final EntrySettings cfg;

    EntryOrders(EntrySettings cfg) {
        this.cfg = cfg;
    }

    /**
     * The signal with its entry at the price the order is meant to fill at, or empty when the quantile is not on the
     * favourable side of the close (the limit would be no better than the market) or a stop entry's level is not
     * short of the target.
     */
    Optional<Signal> plan(Signal s, Forecast f, double pip) {
        if (cfg.type() == OrderType.MARKET) {
            return Optional.of(s);
        }
        boolean bull = s.direction() == Direction.BULL;
        double level;
        if (cfg.type() == OrderType.LIMIT) {
            level = quantile(f.at(s.horizon()), bull ? cfg.limitQuantile() : 1 - cfg.limitQuantile());
            if (bull ? level >= s.entry() : level <= s.entry()) {
                return Optional.empty();
            }
        } else {
            level = s.entry() + (bull ? 1 : -1) * cfg.stopOffsetPips() * pip;
            // A target short of the level leaves nothing to gain (the broker would refuse the order).
            if (bull ? s.target() <= level : s.target() >= level) {
                return Optional.empty();
            }
        }
        return Optional.of(new Signal(s.id(), s.symbol(), s.timeframe(), s.time(), s.horizon(), s.direction(),
                s.strength(), level, s.target(), s.stop(), s.validUntil(), s.metadata()));
    }

    /** The order for a planned signal: {@code bid} is the close it was decided at. */
    OrderRequest order(Signal planned, double lots, double bid, long now) {
        Side side = planned.direction() == Direction.BULL ? Side.BUY : Side.SELL;
        OrderRequest market = new OrderRequest(planned.symbol(), side, lots, bid, planned.stop(), planned.target(), now);
        return cfg.type() == OrderType.MARKET ? market
                : market.resting(cfg.type(), planned.entry(), now + cfg.expiryMinutes() * 60_000L);
    }

    /**
     * The forecast's quantile at {@code level}, linear between the stored levels (0.05, 0.5 and 0.95 at least): the
     * bull limit at 0.25 lies halfway between q05 and the median.
     */
    static double quantile(HorizonForecast h, double level) {
        Map.Entry<Double, Double> lo = h.quantiles().floorEntry(level);
        Map.Entry<Double, Double> hi = h.quantiles().ceilingEntry(level);
        if (lo == null || hi == null) {
            throw new IllegalArgumentException("quantile " + level + " is outside the forecast's levels "
                    + h.quantiles().keySet());
        }
        if (lo.getKey().equals(hi.getKey())) {
            return lo.getValue();
        }
        double w = (level - lo.getKey()) / (hi.getKey() - lo.getKey());
        return lo.getValue() + w * (hi.getValue() - lo.getValue());
    }
}
