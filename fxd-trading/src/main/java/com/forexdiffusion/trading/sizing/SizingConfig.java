package com.forexdiffusion.trading.sizing;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.trading.regime.Regime;

import java.util.EnumMap;
import java.util.Map;

/**
 * Position sizing parameters (SPEC §7), percentages in percent of equity or of price.
 *
 * @param maxTotalRiskPct    cap on the summed risk at the stops of all open positions ("total exposure")
 * @param drawdownStartPct   above this drawdown from the equity peak, sizes are multiplied by drawdownFactor
 */
public record SizingConfig(SizingMethod method, double riskPct, double kellyFraction, int kellyMinTrades,
                           Map<Regime, Double> regimeMultipliers, boolean uncertaintyScaling,
                           double uncertaintyThresholdPct, double maxPositionRiskPct, double maxTotalRiskPct,
                           double drawdownStartPct, double drawdownFactor, double lotStep) {
    public SizingConfig {
        positive("sizing.risk_pct", riskPct);
        positive("sizing.uncertainty_threshold_pct", uncertaintyThresholdPct);
        positive("sizing.max_position_risk_pct", maxPositionRiskPct);
        positive("sizing.max_total_risk_pct", maxTotalRiskPct);
        positive("sizing.lot_step", lotStep);
        if (!(kellyFraction > 0 && kellyFraction <= 1)) {
            throw BadInputException.ofField("sizing.kelly_fraction", "must be in (0, 1], got " + kellyFraction);
        }
        if (!(drawdownFactor > 0 && drawdownFactor <= 1)) {
            throw BadInputException.ofField("sizing.drawdown_factor", "must be in (0, 1], got " + drawdownFactor);
        }
        EnumMap<Regime, Double> m = new EnumMap<>(Regime.class);
        for (Regime r : Regime.values()) {
            Double v = regimeMultipliers.get(r);
            if (v == null || v < 0) {
                throw BadInputException.ofField("sizing.regime_multipliers." + r, "must be >= 0, got " + v);
            }
            m.put(r, v);
        }
        regimeMultipliers = Map.copyOf(m);
    }

    private static void positive(String field, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw BadInputException.ofField(field, "must be a positive number, got " + v);
        }
    }

    /** SPEC defaults: fixed fractional 1%, Kelly 0.25 after 30 trades, regimes 1.2/1.0/0.7/0.5, T = 0.5%. */
    public static SizingConfig defaults() {
        return new SizingConfig(SizingMethod.FIXED_FRACTIONAL, 1.0, 0.25, 30,
                Map.of(Regime.TRENDING_UP, 1.2, Regime.TRENDING_DOWN, 1.0, Regime.RANGING, 0.7, Regime.VOLATILE, 0.5),
                true, 0.5, 5.0, 20.0, 10.0, 0.5, 0.01);
    }

    public SizingConfig withUncertaintyScaling(boolean on) {
        return new SizingConfig(method, riskPct, kellyFraction, kellyMinTrades, regimeMultipliers, on,
                uncertaintyThresholdPct, maxPositionRiskPct, maxTotalRiskPct, drawdownStartPct, drawdownFactor, lotStep);
    }

    public SizingConfig withMethod(SizingMethod m) {
        return new SizingConfig(m, riskPct, kellyFraction, kellyMinTrades, regimeMultipliers, uncertaintyScaling,
                uncertaintyThresholdPct, maxPositionRiskPct, maxTotalRiskPct, drawdownStartPct, drawdownFactor, lotStep);
    }
}
