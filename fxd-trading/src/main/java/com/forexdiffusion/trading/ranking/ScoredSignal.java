package com.forexdiffusion.trading.ranking;

import com.forexdiffusion.trading.quality.QualityScore;
import com.forexdiffusion.trading.signal.Signal;

/** A signal with its quality score and the posterior confidence of the current regime. */
public record ScoredSignal(Signal signal, QualityScore quality, double regimeConfidence) {
    /** composite × regime confidence × strength (SPEC §7). */
    public double rank() {
        return quality.composite() * regimeConfidence * signal.strength();
    }
}
