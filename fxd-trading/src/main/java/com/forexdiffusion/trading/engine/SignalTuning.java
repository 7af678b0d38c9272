package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.trading.quality.SignalQualityScorer;
import com.forexdiffusion.trading.signal.Direction;
import com.forexdiffusion.trading.signal.Signal;
import org.hipparchus.special.Erf;

import java.util.Map;

/**
 * The signal settings an optimisation tunes (SPEC §8) beyond those in {@link StrategyConfig}: the quality threshold,
 * the directional confidence a signal needs (P(direction) = Φ(|mean − close| / σ) under the forecast), stop and target
 * distances as multiples of the forecast's (q05/q95 and mean), and a weight per horizon (minutes) multiplying a
 * signal's strength. {@link #defaults()} changes nothing: the engine then decides exactly as without it.
 */
public record SignalTuning(double qualityThreshold, double directionalConfidence, double stopMultiple,
                           double targetMultiple, Map<Integer, Double> horizonWeights) {
    public SignalTuning {
        range("quality_threshold", qualityThreshold, 0, 1);
        range("directional_confidence", directionalConfidence, 0, 1);
        positive("stop_multiple", stopMultiple);
        positive("target_multiple", targetMultiple);
        horizonWeights = Map.copyOf(horizonWeights);
        horizonWeights.forEach((h, w) -> {
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw BadInputException.ofField("horizon_weight_" + h, "must be >= 0, got " + w);
            }
        });
    }

    public static SignalTuning defaults() {
        return new SignalTuning(SignalQualityScorer.DEFAULT_THRESHOLD, 0, 1, 1, Map.of());
    }

    private static void range(String f, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw BadInputException.ofField(f, "must be in [" + lo + ", " + hi + "], got " + v);
        }
    }

    private static void positive(String f, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw BadInputException.ofField(f, "must be a positive number, got " + v);
        }
    }

    private boolean neutral() {
        return directionalConfidence <= 0.5 && stopMultiple == 1 && targetMultiple == 1 && horizonWeights.isEmpty();
    }

    /**
     * The signal with stop, target and strength tuned; a signal below the directional confidence becomes neutral (no
     * trade), so the list of signals keeps its shape.
     */
    public Signal apply(Signal s) {
        if (neutral() || s.direction() == Direction.NEUTRAL) {
            return s;
        }
        Direction dir = directionProbability(s) >= directionalConfidence ? s.direction() : Direction.NEUTRAL;
        double w = horizonWeights.getOrDefault(s.horizon().minutes(), 1.0);
        double stop = s.entry() + stopMultiple * (s.stop() - s.entry());
        double target = s.entry() + targetMultiple * (s.target() - s.entry());
        return new Signal(s.id(), s.symbol(), s.timeframe(), s.time(), s.horizon(), dir,
                Math.min(1, s.strength() * w), s.entry(), target, stop, s.validUntil(), s.metadata());
    }

    /**
     * P(direction) = Φ(|target − entry| / σ) with σ = u % of the entry: how sure the forecast is of the signal's
     * direction (1 when σ is zero).
     */
    public static double directionProbability(Signal s) {
        double sigmaPrice = s.metadata().uncertaintyPct() * s.entry() / 100;
        double z = sigmaPrice > 0 ? Math.abs(s.target() - s.entry()) / sigmaPrice : Double.POSITIVE_INFINITY;
        return 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
    }
}
