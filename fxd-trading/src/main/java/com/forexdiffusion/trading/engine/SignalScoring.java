package com.forexdiffusion.trading.engine;

import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.trading.quality.QualityContext;
import com.forexdiffusion.trading.quality.QualityScore;
import com.forexdiffusion.trading.quality.QualityWeights;
import com.forexdiffusion.trading.quality.SignalQualityScorer;
import com.forexdiffusion.trading.ranking.ScoredSignal;
import com.forexdiffusion.trading.ranking.SignalRanker;
import com.forexdiffusion.trading.regime.RegimeDetector;
import com.forexdiffusion.trading.signal.Direction;
import com.forexdiffusion.trading.signal.Signal;
import com.forexdiffusion.trading.signal.SignalGenerator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;

/**
 * A forecast's signals, tuned and quality-scored (SPEC §7); each is also scored without the uncertainty penalty, only
 * to count the decisions the penalty changed.
 */
final class SignalScoring {
    private final SignalGenerator signals = SignalGenerator.defaults();
    private final SignalQualityScorer scorer;
    private final SignalTuning tuning;
    // The same pipeline with the uncertainty terms switched off.
    private final SignalGenerator signalsWithoutPenalty = new SignalGenerator(Double.POSITIVE_INFINITY, 1.0);
    private final SignalQualityScorer scorerWithoutPenalty = new SignalQualityScorer(QualityWeights.defaults(),
            SignalQualityScorer.DEFAULT_THRESHOLD, Map.of(), Map.of(), signalsWithoutPenalty);

    SignalScoring(StrategyConfig cfg, SignalTuning tuning) {
        this.tuning = tuning;
        this.scorer = new SignalQualityScorer(cfg.quality().weights(), cfg.quality().threshold() != null
                ? cfg.quality().threshold() : tuning.qualityThreshold(), Map.of(), Map.of(), SignalGenerator.defaults());
    }

    /**
     * @param higher          the higher timeframes' directions at a signal time
     * @param correlationRisk the risk a signal adds through open positions in correlated symbols
     */
    List<ScoredSignal> score(Forecast f, RegimeDetector.Estimate regime, double volumeRatio,
                             LongFunction<List<Direction>> higher, ToDoubleFunction<Signal> correlationRisk,
                             SignalRanker ranker, UncertaintyEffects uncertainty) {
        List<Signal> raw = signals.signals(f);
        List<Direction> dirs = raw.stream().map(Signal::direction).toList();
        List<Signal> sigs = raw.stream().map(tuning::apply).toList();
        List<Signal> unpenalised = signalsWithoutPenalty.signals(f).stream().map(tuning::apply).toList();
        double confidence = regime == null ? 1.0 : regime.confidence();
        List<Direction> mtf = raw.isEmpty() ? List.of() : higher.apply(raw.get(0).time());
        List<ScoredSignal> scored = new ArrayList<>();
        for (int k = 0; k < sigs.size(); k++) {
            QualityContext ctx = new QualityContext(dirs, mtf, regime == null ? null : regime.regime(),
                    confidence, volumeRatio, null, correlationRisk.applyAsDouble(sigs.get(k)));
            QualityScore q = scorer.score(sigs.get(k), ctx);
            ScoredSignal s = new ScoredSignal(sigs.get(k), q, confidence);
            ScoredSignal without = new ScoredSignal(unpenalised.get(k), scorerWithoutPenalty.score(unpenalised.get(k),
                    ctx), confidence);
            uncertainty.signal(sigs.get(k).metadata().uncertaintyPct(), q.penalty() < 1, ranker.eligible(without),
                    ranker.eligible(s));
            scored.add(s);
        }
        return scored;
    }
}
