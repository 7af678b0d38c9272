package com.forexdiffusion.trading.ranking;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.trading.engine.SignalTuning;
import com.forexdiffusion.trading.quality.QualityContext;
import com.forexdiffusion.trading.quality.QualityScore;
import com.forexdiffusion.trading.quality.QualityWeights;
import com.forexdiffusion.trading.quality.SignalQualityScorer;
import com.forexdiffusion.trading.signal.Direction;
import com.forexdiffusion.trading.signal.Signal;
import com.forexdiffusion.trading.signal.SignalGenerator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every signal of one forecast, scored as the engine scores it (no regime detector, the last bar's volume ratio),
 * with the verdict of the ranker's filter and, for a rejected one, each reason. It lets a viewer (the dashboard) see
 * why a signal would or would not trade without repeating the scoring rules.
 */
public final class SignalReview {
    private final SignalGenerator generator;
    private final SignalQualityScorer scorer;
    private final double minQuality;
    private final double minStrength;
    private final int volumeWindow;
    private final SignalTuning tuning;

    /** A reviewed signal: {@code reasons} is empty exactly when it is accepted. */
    public record Reviewed(Signal signal, QualityScore quality, boolean accepted, List<String> reasons) {
    }

    /**
     * @param uncertaintyThresholdPct u above which strength and quality are penalised; the penalty reaches zero at
     *                                twice it (the SPEC defaults 0.5% and 1.0%)
     */
    public SignalReview(double minQuality, double minStrength, double uncertaintyThresholdPct, int volumeWindow) {
        this(minQuality, minStrength, uncertaintyThresholdPct, volumeWindow, SignalTuning.defaults());
    }

    /**
     * As above, with each signal tuned as the engine tunes it before scoring (directional confidence, horizon
     * weights, stop and target multiples).
     */
    public SignalReview(double minQuality, double minStrength, double uncertaintyThresholdPct, int volumeWindow,
                        SignalTuning tuning) {
        this.tuning = tuning;
        this.generator = new SignalGenerator(uncertaintyThresholdPct, 2 * uncertaintyThresholdPct);
        this.scorer = new SignalQualityScorer(QualityWeights.defaults(), minQuality, Map.of(), Map.of(), generator);
        this.minQuality = minQuality;
        this.minStrength = minStrength;
        this.volumeWindow = volumeWindow;
    }

    /** @param bars the bars up to and including the forecast's bar (for the volume ratio) */
    public List<Reviewed> review(Forecast f, BarSeries bars) {
        List<Signal> raw = generator.signals(f);
        // As the engine: the agreement between horizons reads the untuned directions.
        QualityContext ctx = new QualityContext(raw.stream().map(Signal::direction).toList(), List.of(), null, 1.0,
                volumeRatio(bars), null, 0.0);
        List<Reviewed> out = new ArrayList<>();
        for (Signal r : raw) {
            Signal s = tuning.apply(r);
            QualityScore q = scorer.score(s, ctx);
            List<String> reasons = reasons(r, s, q);
            out.add(new Reviewed(s, q, reasons.isEmpty(), List.copyOf(reasons)));
        }
        return out;
    }

    private List<String> reasons(Signal untuned, Signal s, QualityScore q) {
        List<String> r = new ArrayList<>();
        if (untuned.direction() == Direction.NEUTRAL) {
            r.add("no direction (mean equals the last close)");
        } else if (s.direction() == Direction.NEUTRAL) {
            r.add(String.format(Locale.ROOT, "P(direction) %.3f below the directional confidence %.3f",
                    SignalTuning.directionProbability(untuned), tuning.directionalConfidence()));
        }
        if (!q.passes()) {
            r.add(String.format(Locale.ROOT, "quality %.3f below the minimum %.3f", q.composite(), minQuality));
        }
        if (s.strength() < minStrength) {
            r.add(String.format(Locale.ROOT, "strength %.3f below the minimum %.3f", s.strength(), minStrength));
        }
        return r;
    }

    private double volumeRatio(BarSeries bars) {
        int index = bars.size() - 1;
        int from = Math.max(0, index - volumeWindow);
        if (index - from < 1) {
            return 1;
        }
        double sum = 0;
        for (int i = from; i < index; i++) {
            sum += bars.volume(i);
        }
        double avg = sum / (index - from);
        return avg > 0 ? bars.volume(index) / avg : 1;
    }
}
