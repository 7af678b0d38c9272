package com.forexdiffusion.web.settings;

import com.forexdiffusion.trading.engine.SignalTuning;
import com.forexdiffusion.trading.engine.StrategyConfig;
import com.forexdiffusion.trading.sizing.SizingConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the LDM4TS settings govern in trading: the strategy (MC samples, minimum strength, and in the sizer the
 * uncertainty threshold and position scaling) and the signal tuning (minimum quality, directional confidence,
 * horizon weights). A running paper session and the Signals page both read the settings through here, so the page
 * shows what the session would decide.
 */
public final class TradingSettings {
    private TradingSettings() {
    }

    /**
     * {@code base} with the settings' samples and minimum strength; position scaling switches the sizer's
     * (1 − u / T) factor and its rejection at u ≥ T on or off, T being the settings' uncertainty threshold.
     */
    public static StrategyConfig strategy(StrategyConfig base, Ldm4tsSettings s) {
        SizingConfig z = base.sizing();
        SizingConfig sizing = new SizingConfig(z.method(), z.riskPct(), z.kellyFraction(), z.kellyMinTrades(),
                z.regimeMultipliers(), s.positionScaling(), s.uncertaintyThreshold(), z.maxPositionRiskPct(),
                z.maxTotalRiskPct(), z.drawdownStartPct(), z.drawdownFactor(), z.lotStep());
        return new StrategyConfig(base.horizons(), s.mcSamples(), base.seed(), base.lookback(), s.minStrength(),
                base.topN(), sizing, base.risk(), base.volumeWindow(), base.calibration(), base.quality(),
                base.entry(), base.skillGate());
    }

    /** The signal tuning: quality threshold, directional confidence and strength weights; stop and target as forecast. */
    public static SignalTuning tuning(Ldm4tsSettings s) {
        return new SignalTuning(s.minQuality(), s.directionalConfidence(), 1, 1, strengthWeights(s.horizonWeights()));
    }

    /**
     * The horizon weights (summing to 1) as strength multipliers: weight × number of horizons, so equal weights leave
     * every strength as it is and 30/50/20 % multiply the 15m, 1h and 4h strengths by 0.9, 1.5 and 0.6.
     */
    static Map<Integer, Double> strengthWeights(Map<Integer, Double> weights) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        weights.forEach((h, w) -> out.put(h, w * weights.size()));
        return out;
    }
}
