package com.forexdiffusion.trading.quality;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.trading.regime.Regime;
import com.forexdiffusion.trading.signal.Direction;
import com.forexdiffusion.trading.signal.Signal;
import com.forexdiffusion.trading.signal.SignalGenerator;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Scores signals on six dimensions (SPEC §7): pattern strength = signal strength; multi-timeframe agreement =
 * share of horizons (and configured higher timeframes) pointing the same way; regime confidence = posterior of
 * the current regime; volume confirmation from the volume ratio (>= 1.5: 1.0, >= 1.2: 0.8, >= 0.8: 0.6, else
 * 0.3); sentiment alignment = 0.5 unless a source is configured; correlation safety = 1 − correlation risk.
 * The composite is the weighted sum, multiplied by the uncertainty penalty.
 */
public final class SignalQualityScorer {
    public static final double DEFAULT_THRESHOLD = 0.65;

    private final QualityWeights weights;
    private final double threshold;
    private final Map<Regime, QualityWeights> regimeWeights;
    private final Map<Regime, Double> regimeThresholds;
    private final SignalGenerator penalty;

    public SignalQualityScorer(QualityWeights weights, double threshold, Map<Regime, QualityWeights> regimeWeights,
                               Map<Regime, Double> regimeThresholds, SignalGenerator penalty) {
        checkThreshold("quality.threshold", threshold);
        regimeThresholds.forEach((r, t) -> checkThreshold("quality.threshold." + r, t));
        this.weights = weights;
        this.threshold = threshold;
        this.regimeWeights = Map.copyOf(regimeWeights);
        this.regimeThresholds = Map.copyOf(regimeThresholds);
        this.penalty = penalty;
    }

    public static SignalQualityScorer defaults() {
        return new SignalQualityScorer(QualityWeights.defaults(), DEFAULT_THRESHOLD, Map.of(), Map.of(),
                SignalGenerator.defaults());
    }

    private static void checkThreshold(String field, double t) {
        if (!(t >= 0 && t <= 1)) {
            throw BadInputException.ofField(field, "threshold must be in [0, 1], got " + t);
        }
    }

    public QualityScore score(Signal s, QualityContext ctx) {
        EnumMap<QualityDimension, Double> d = new EnumMap<>(QualityDimension.class);
        d.put(QualityDimension.PATTERN_STRENGTH, clamp(s.strength()));
        d.put(QualityDimension.MTF_AGREEMENT, agreement(s.direction(), ctx));
        d.put(QualityDimension.REGIME_CONFIDENCE, clamp(ctx.regimeConfidence()));
        d.put(QualityDimension.VOLUME_CONFIRMATION, volumeScore(ctx.volumeRatio()));
        d.put(QualityDimension.SENTIMENT_ALIGNMENT, ctx.sentiment() == null ? 0.5 : clamp(ctx.sentiment()));
        d.put(QualityDimension.CORRELATION_SAFETY, clamp(1 - ctx.correlationRisk()));
        QualityWeights w = ctx.regime() != null ? regimeWeights.getOrDefault(ctx.regime(), weights) : weights;
        double composite = 0;
        for (QualityDimension dim : QualityDimension.values()) {
            composite += w.of(dim) * d.get(dim);
        }
        double p = penalty.uncertaintyPenalty(s.metadata().uncertaintyPct());
        composite *= p;
        double t = ctx.regime() != null ? regimeThresholds.getOrDefault(ctx.regime(), threshold) : threshold;
        return new QualityScore(Collections.unmodifiableMap(d), composite, p, t, composite >= t);
    }

    static double volumeScore(double ratio) {
        if (ratio >= 1.5) {
            return 1.0;
        }
        if (ratio >= 1.2) {
            return 0.8;
        }
        if (ratio >= 0.8) {
            return 0.6;
        }
        return 0.3;
    }

    private static double agreement(Direction dir, QualityContext ctx) {
        int n = ctx.horizonDirections().size() + ctx.higherTimeframes().size();
        if (n == 0 || dir == Direction.NEUTRAL) {
            return 0;
        }
        long same = ctx.horizonDirections().stream().filter(x -> x == dir).count()
                + ctx.higherTimeframes().stream().filter(x -> x == dir).count();
        return (double) same / n;
    }

    private static double clamp(double v) {
        return Double.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0;
    }

    /** Mean, min and max of the composite and of each dimension, and the pass rate. */
    public record Statistics(long n, double passRate, double meanComposite, double minComposite, double maxComposite,
                             Map<QualityDimension, Double> meanDimensions) {
    }

    public static Statistics statistics(Collection<QualityScore> scores) {
        long n = scores.size();
        if (n == 0) {
            return new Statistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of());
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long pass = 0;
        EnumMap<QualityDimension, Double> dims = new EnumMap<>(QualityDimension.class);
        for (QualityScore s : scores) {
            sum += s.composite();
            min = Math.min(min, s.composite());
            max = Math.max(max, s.composite());
            pass += s.passes() ? 1 : 0;
            s.dimensions().forEach((k, v) -> dims.merge(k, v, Double::sum));
        }
        dims.replaceAll((k, v) -> v / n);
        return new Statistics(n, (double) pass / n, sum / n, min, max, Collections.unmodifiableMap(dims));
    }
}
