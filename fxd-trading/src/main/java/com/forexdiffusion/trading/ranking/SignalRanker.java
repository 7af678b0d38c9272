package com.forexdiffusion.trading.ranking;

import com.forexdiffusion.trading.signal.Direction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fusion and ranking (SPEC §7): drop neutral signals and those below the quality threshold or the minimum
 * strength, rank by composite × regime confidence × strength, keep at most one per symbol (the best, and none for
 * a symbol that already has a position), then the top N.
 */
public final class SignalRanker {
    private final double minStrength;
    private final int topN;

    public SignalRanker(double minStrength, int topN) {
        this.minStrength = minStrength;
        this.topN = topN;
    }

    public static SignalRanker defaults() {
        return new SignalRanker(0.3, 5);
    }

    /** Whether a signal passes the filter on its own: a direction, the quality threshold and the minimum strength. */
    public boolean eligible(ScoredSignal s) {
        return s.signal().direction() != Direction.NEUTRAL && s.quality().passes()
                && s.signal().strength() >= minStrength;
    }

    public List<ScoredSignal> select(List<ScoredSignal> candidates, Set<String> symbolsWithPositions) {
        List<ScoredSignal> ok = new ArrayList<>();
        for (ScoredSignal s : candidates) {
            if (eligible(s) && !symbolsWithPositions.contains(s.signal().symbol())) {
                ok.add(s);
            }
        }
        // Ties keep the earlier (shorter-horizon first as generated) order: the sort is stable.
        ok.sort(Comparator.comparingDouble(ScoredSignal::rank).reversed());
        List<ScoredSignal> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (ScoredSignal s : ok) {
            if (out.size() == topN) {
                break;
            }
            if (taken.add(s.signal().symbol())) {
                out.add(s);
            }
        }
        return out;
    }
}
