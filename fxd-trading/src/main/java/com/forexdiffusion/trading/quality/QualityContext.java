package com.forexdiffusion.trading.quality;

import com.forexdiffusion.trading.regime.Regime;
import com.forexdiffusion.trading.signal.Direction;

import java.util.List;

/**
 * What the scorer knows besides the signal, all as of the signal's time.
 *
 * @param horizonDirections  directions of every horizon of the same forecast, the signal's own included
 * @param higherTimeframes   directions from higher timeframes when configured (may be empty)
 * @param regime             current regime, or null when no detector runs
 * @param regimeConfidence   posterior probability of that regime
 * @param volumeRatio        last bar volume over its recent average
 * @param sentiment          alignment of a sentiment source with the signal in [0, 1], or null when none
 * @param correlationRisk    risk in [0, 1] from open positions in correlated symbols
 */
public record QualityContext(List<Direction> horizonDirections, List<Direction> higherTimeframes, Regime regime,
                             double regimeConfidence, double volumeRatio, Double sentiment, double correlationRisk) {
    public QualityContext {
        horizonDirections = List.copyOf(horizonDirections);
        higherTimeframes = List.copyOf(higherTimeframes);
    }
}
