package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.trading.quality.QualityWeights;

import java.util.List;

/**
 * How the engine scores signals (SPEC §7 quality): the dimensions' weights, the threshold (null: the signal tuning's,
 * 0.65 by default) and the higher timeframes whose direction mtf_agreement reads besides the forecast's horizons.
 *
 * @param mtfTimeframes higher timeframes; the direction of each is the sign of the close now against the close one of
 *                      its periods earlier (bars up to the decision only)
 */
public record QualitySettings(QualityWeights weights, Double threshold, List<Timeframe> mtfTimeframes) {
    public QualitySettings {
        mtfTimeframes = List.copyOf(mtfTimeframes);
    }

    public static QualitySettings defaults() {
        return new QualitySettings(QualityWeights.defaults(), null, List.of());
    }
}
