package com.forexdiffusion.trading.quality;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.trading.regime.Regime;
import com.forexdiffusion.trading.signal.Direction;
import com.forexdiffusion.trading.signal.Signal;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SignalQualityScorerTest {
    static Signal signal(Direction d, double strength, double uPct) {
        return new Signal("id", "EURUSD", Timeframe.M15, 0, new Horizon(60), d, strength, 1.1, 1.101, 1.099,
                3_600_000L, new Signal.Metadata(1.101, 0.001, uPct, 1.099, 1.101, 1.103, 0.001, 10, 50, "m"));
    }

    @Test
    void compositeIsTheWeightedSumByHand() {
        // strength 0.8; 2 of 3 horizons agree (0.6667); regime confidence 0.9; volume ratio 1.3 -> 0.8;
        // no sentiment -> 0.5; correlation risk 0.2 -> 0.8.
        QualityContext ctx = new QualityContext(List.of(Direction.BULL, Direction.BULL, Direction.BEAR), List.of(),
                Regime.TRENDING_UP, 0.9, 1.3, null, 0.2);
        QualityScore s = SignalQualityScorer.defaults().score(signal(Direction.BULL, 0.8, 0.1), ctx);
        double expected = 0.25 * 0.8 + 0.20 * (2.0 / 3) + 0.20 * 0.9 + 0.15 * 0.8 + 0.10 * 0.5 + 0.10 * 0.8;
        assertThat(s.composite()).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(0.763333, within(1e-6));
        assertThat(s.passes()).isTrue();
        assertThat(s.of(QualityDimension.MTF_AGREEMENT)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(s.penalty()).isEqualTo(1.0);
    }

    @Test
    void uncertaintyPenaltyCanSinkASignalBelowTheThreshold() {
        QualityContext ctx = new QualityContext(List.of(Direction.BULL), List.of(Direction.BULL), null, 1.0, 2.0, 1.0, 0);
        QualityScore clean = SignalQualityScorer.defaults().score(signal(Direction.BULL, 1.0, 0.2), ctx);
        assertThat(clean.composite()).isCloseTo(1.0, within(1e-12));
        QualityScore noisy = SignalQualityScorer.defaults().score(signal(Direction.BULL, 1.0, 0.6), ctx);
        assertThat(noisy.penalty()).isCloseTo(0.4, within(1e-12));
        assertThat(noisy.composite()).isCloseTo(0.4, within(1e-12));
        assertThat(noisy.passes()).isFalse();
    }

    @Test
    void volumeRatioBands() {
        assertThat(SignalQualityScorer.volumeScore(1.5)).isEqualTo(1.0);
        assertThat(SignalQualityScorer.volumeScore(1.49)).isEqualTo(0.8);
        assertThat(SignalQualityScorer.volumeScore(1.2)).isEqualTo(0.8);
        assertThat(SignalQualityScorer.volumeScore(0.8)).isEqualTo(0.6);
        assertThat(SignalQualityScorer.volumeScore(0.79)).isEqualTo(0.3);
    }

    @Test
    void perRegimeWeightsAndThresholdsApply() {
        EnumMap<QualityDimension, Double> onlyRegime = new EnumMap<>(QualityDimension.class);
        for (QualityDimension d : QualityDimension.values()) {
            onlyRegime.put(d, d == QualityDimension.REGIME_CONFIDENCE ? 2.0 : 0.0);
        }
        SignalQualityScorer scorer = new SignalQualityScorer(QualityWeights.defaults(), 0.65,
                Map.of(Regime.VOLATILE, new QualityWeights(onlyRegime)), Map.of(Regime.VOLATILE, 0.95),
                com.forexdiffusion.trading.signal.SignalGenerator.defaults());
        QualityContext ctx = new QualityContext(List.of(Direction.BULL), List.of(), Regime.VOLATILE, 0.9, 1, null, 0);
        QualityScore s = scorer.score(signal(Direction.BULL, 1, 0.1), ctx);
        assertThat(s.composite()).isCloseTo(0.9, within(1e-12));
        assertThat(s.threshold()).isEqualTo(0.95);
        assertThat(s.passes()).isFalse();
    }

    @Test
    void statisticsOverScores() {
        QualityContext ctx = new QualityContext(List.of(Direction.BULL), List.of(), null, 1.0, 2.0, 1.0, 0);
        QualityScore a = SignalQualityScorer.defaults().score(signal(Direction.BULL, 1.0, 0.1), ctx);
        QualityScore b = SignalQualityScorer.defaults().score(signal(Direction.BULL, 0.0, 0.1), ctx);
        SignalQualityScorer.Statistics st = SignalQualityScorer.statistics(List.of(a, b));
        assertThat(st.n()).isEqualTo(2);
        assertThat(st.meanComposite()).isCloseTo((1.0 + 0.75) / 2, within(1e-12));
        assertThat(st.passRate()).isEqualTo(1.0);
        assertThat(st.meanDimensions().get(QualityDimension.PATTERN_STRENGTH)).isEqualTo(0.5);
    }

    @Test
    void badWeightsAreRejectedNamingTheField() {
        EnumMap<QualityDimension, Double> w = new EnumMap<>(QualityDimension.class);
        for (QualityDimension d : QualityDimension.values()) {
            w.put(d, 1.0);
        }
        w.put(QualityDimension.SENTIMENT_ALIGNMENT, -1.0);
        assertThatThrownBy(() -> new QualityWeights(w)).hasMessageContaining("sentiment_alignment");
    }
}
