package com.forexdiffusion.trading.signal;

import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.HorizonForecast;

import java.util.ArrayList;
import java.util.List;

/**
 * One signal per horizon of a forecast (SPEC §7): Δ = mean − close, bull when Δ > 0, bear when Δ < 0;
 * strength = min(|Δ| / σ, 1); entry = close, target = mean, stop = q05 (bull) or q95 (bear); valid until
 * t + horizon. When u = 100·σ/close exceeds the penalty start (0.5%), strength is multiplied by
 * max(0, 1 − u / penalty scale (1.0%)).
 */
public final class SignalGenerator {
    private final double penaltyStartPct;
    private final double penaltyScalePct;

    public SignalGenerator(double penaltyStartPct, double penaltyScalePct) {
        if (penaltyStartPct < 0 || !(penaltyScalePct > 0)) {
            throw new IllegalArgumentException("uncertainty penalty start must be >= 0 and scale > 0");
        }
        this.penaltyStartPct = penaltyStartPct;
        this.penaltyScalePct = penaltyScalePct;
    }

    /** SPEC defaults: penalty above 0.5%, reaching zero at 1.0%. */
    public static SignalGenerator defaults() {
        return new SignalGenerator(0.5, 1.0);
    }

    /** The multiplier applied to strength and quality score at uncertainty u (percent). */
    public double uncertaintyPenalty(double uPct) {
        return uPct > penaltyStartPct ? Math.max(0, 1 - uPct / penaltyScalePct) : 1.0;
    }

    public List<Signal> signals(Forecast f) {
        List<Signal> out = new ArrayList<>(f.horizons().size());
        double close = f.lastClose();
        for (HorizonForecast h : f.horizons()) {
            double delta = h.change(close);
            int sign = h.directionSign(close);
            Direction dir = sign > 0 ? Direction.BULL : sign < 0 ? Direction.BEAR : Direction.NEUTRAL;
            double u = h.uncertaintyPct(close);
            double strength = h.strength(close) * uncertaintyPenalty(u);
            double stop = switch (dir) {
                case BULL -> h.q05();
                case BEAR -> h.q95();
                case NEUTRAL -> close;
            };
            String id = f.symbol() + "-" + f.timeframe() + "-" + f.time() + "-" + h.horizon().minutes();
            out.add(new Signal(id, f.symbol(), f.timeframe(), f.time(), h.horizon(), dir, strength, close, h.mean(),
                    stop, f.time() + h.horizon().minutes() * 60_000L,
                    new Signal.Metadata(h.mean(), h.std(), u, h.q05(), h.q50(), h.q95(), delta, f.inferenceMillis(),
                            h.samples() == null ? 0 : h.samples().length, f.modelName() + ":" + f.modelVersion())));
        }
        return out;
    }
}
