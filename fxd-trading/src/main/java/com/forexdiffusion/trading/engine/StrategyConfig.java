package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.trading.risk.RiskLimits;
import com.forexdiffusion.trading.sizing.SizingConfig;

import java.util.List;

/**
 * The forecast-driven strategy: which horizons to forecast, how many samples, and the scoring, ranking, sizing
 * and risk settings (SPEC §7 defaults in {@link #defaults()}).
 *
 * @param lookback bars handed to the forecaster with each window
 * @param seed     base seed of the forecast samples (the bar time is mixed in per forecast)
 */
public record StrategyConfig(List<Horizon> horizons, int samples, long seed, int lookback, double minStrength,
                             int topN, SizingConfig sizing, RiskLimits risk, int volumeWindow) {
    public StrategyConfig {
        horizons = List.copyOf(horizons);
    }

    public static StrategyConfig defaults() {
        return new StrategyConfig(List.of(new Horizon(15), new Horizon(60), new Horizon(240)), 50, 42, 500, 0.3, 5,
                SizingConfig.defaults(), RiskLimits.defaults(), 20);
    }
}
