package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.trading.risk.RiskLimits;
import com.forexdiffusion.trading.sizing.SizingConfig;
import com.forexdiffusion.trading.skill.SkillGateConfig;

import java.util.List;

/**
 * The forecast-driven strategy: which horizons to forecast, how many samples, and the scoring, ranking, sizing
 * and risk settings (SPEC §7 defaults in {@link #defaults()}).
 *
 * @param lookback bars handed to the forecaster with each window
 * @param seed        base seed of the forecast samples (the bar time is mixed in per forecast)
 * @param calibration how the raw forecasts are calibrated before anything reads them (not part of the forecast
 *                    cache's key: the cache holds raw forecasts)
 * @param quality     quality weights, threshold and higher timeframes
 * @param entry       market, limit or stop entries (market when null)
 * @param skillGate   when the forecaster's record lets the engine trade (null: {@link SkillGateConfig#defaults()},
 *                    on)
 */
public record StrategyConfig(List<Horizon> horizons, int samples, long seed, int lookback, double minStrength,
                             int topN, SizingConfig sizing, RiskLimits risk, int volumeWindow,
                             CalibrationConfig calibration, QualitySettings quality, EntrySettings entry,
                             SkillGateConfig skillGate) {
    public StrategyConfig {
        horizons = List.copyOf(horizons);
        if (calibration == null) {
            throw new IllegalArgumentException("a strategy needs a calibration setting (CalibrationConfig.defaults())");
        }
        if (quality == null) {
            quality = QualitySettings.defaults();
        }
        if (entry == null) {
            entry = EntrySettings.market();
        }
        if (skillGate == null) {
            skillGate = SkillGateConfig.defaults();
        }
    }

    /** With market entries and the default skill gate (on). */
    public StrategyConfig(List<Horizon> horizons, int samples, long seed, int lookback, double minStrength, int topN,
                          SizingConfig sizing, RiskLimits risk, int volumeWindow, CalibrationConfig calibration,
                          QualitySettings quality) {
        this(horizons, samples, seed, lookback, minStrength, topN, sizing, risk, volumeWindow, calibration, quality,
                null, null);
    }

    /** With the default quality settings, market entries and the default skill gate (on). */
    public StrategyConfig(List<Horizon> horizons, int samples, long seed, int lookback, double minStrength, int topN,
                          SizingConfig sizing, RiskLimits risk, int volumeWindow, CalibrationConfig calibration) {
        this(horizons, samples, seed, lookback, minStrength, topN, sizing, risk, volumeWindow, calibration, null, null,
                null);
    }

    public StrategyConfig withQuality(QualitySettings q) {
        return new StrategyConfig(horizons, samples, seed, lookback, minStrength, topN, sizing, risk, volumeWindow,
                calibration, q, entry, skillGate);
    }

    public StrategyConfig withEntry(EntrySettings e) {
        return new StrategyConfig(horizons, samples, seed, lookback, minStrength, topN, sizing, risk, volumeWindow,
                calibration, quality, e, skillGate);
    }

    public StrategyConfig withSkillGate(SkillGateConfig g) {
        return new StrategyConfig(horizons, samples, seed, lookback, minStrength, topN, sizing, risk, volumeWindow,
                calibration, quality, entry, g);
    }

    public static StrategyConfig defaults() {
        return new StrategyConfig(List.of(new Horizon(15), new Horizon(60), new Horizon(240)), 50, 42, 500, 0.3, 5,
                SizingConfig.defaults(), RiskLimits.defaults(), 20, CalibrationConfig.defaults());
    }

    public StrategyConfig withCalibration(CalibrationConfig c) {
        return new StrategyConfig(horizons, samples, seed, lookback, minStrength, topN, sizing, risk, volumeWindow, c,
                quality, entry, skillGate);
    }
}
