package com.forexdiffusion.trading.sizing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sizes a trade (SPEC §7): base risk by the configured method, × regime multiplier, × (1 − u / T) with
 * rejection at u >= T, × drawdown factor while the drawdown exceeds its start, capped by the per-position and
 * total risk limits, then rounded down to the lot step. Risk is money lost if the stop is hit.
 */
public final class PositionSizer {
    private final SizingConfig cfg;

    public PositionSizer(SizingConfig cfg) {
        this.cfg = cfg;
    }

    public SizingDecision size(SizingRequest r) {
        List<String> steps = new ArrayList<>();
        double stopDistance = Math.abs(r.entry() - r.stop());
        if (!(stopDistance > 0)) {
            return SizingDecision.reject("stop equals entry: no risk can be defined", steps);
        }
        if (!(r.equity() > 0)) {
            return SizingDecision.reject("no equity", steps);
        }
        if (cfg.uncertaintyScaling() && r.uncertaintyPct() >= cfg.uncertaintyThresholdPct()) {
            return SizingDecision.reject(String.format(Locale.ROOT, "uncertainty %.3f%% >= threshold %.3f%%",
                    r.uncertaintyPct(), cfg.uncertaintyThresholdPct()), steps);
        }
        double riskFraction = baseRiskFraction(r, steps);
        double regime = r.regime() == null ? 1.0 : cfg.regimeMultipliers().get(r.regime());
        riskFraction *= regime;
        steps.add(String.format(Locale.ROOT, "regime %s x%.2f", r.regime(), regime));
        if (cfg.uncertaintyScaling()) {
            double u = 1 - r.uncertaintyPct() / cfg.uncertaintyThresholdPct();
            riskFraction *= u;
            steps.add(String.format(Locale.ROOT, "uncertainty %.3f%% x%.3f", r.uncertaintyPct(), u));
        }
        double drawdownPct = r.peakEquity() > 0 ? 100 * (r.peakEquity() - r.equity()) / r.peakEquity() : 0;
        if (drawdownPct > cfg.drawdownStartPct()) {
            riskFraction *= cfg.drawdownFactor();
            steps.add(String.format(Locale.ROOT, "drawdown %.1f%% x%.2f", drawdownPct, cfg.drawdownFactor()));
        }
        double maxPos = cfg.maxPositionRiskPct() / 100;
        if (riskFraction > maxPos) {
            riskFraction = maxPos;
            steps.add("capped at " + cfg.maxPositionRiskPct() + "% per position");
        }
        double riskAmount = riskFraction * r.equity();
        double room = cfg.maxTotalRiskPct() / 100 * r.equity() - r.openRisk();
        if (room <= 0) {
            return SizingDecision.reject("total risk limit of " + cfg.maxTotalRiskPct() + "% reached", steps);
        }
        if (riskAmount > room) {
            riskAmount = room;
            steps.add("capped by the total risk limit of " + cfg.maxTotalRiskPct() + "%");
        }
        double riskPerLot = stopDistance * r.contractSize() * r.quoteToAccount();
        double rawLots = riskAmount / riskPerLot;
        // Round down: rounding up would break the risk limits just applied. The epsilon absorbs binary noise
        // such as 0.29999999999 lots meaning 0.30.
        long lotSteps = (long) Math.floor(rawLots / cfg.lotStep() + 1e-9);
        double lots = java.math.BigDecimal.valueOf(cfg.lotStep()).multiply(java.math.BigDecimal.valueOf(lotSteps))
                .doubleValue();
        steps.add(String.format(Locale.ROOT, "%.4f lots rounded down to %.2f", rawLots, lots));
        if (lots <= 0) {
            return SizingDecision.reject("size below one lot step (" + cfg.lotStep() + ")", steps);
        }
        return new SizingDecision(lots, lots * riskPerLot, false, null, List.copyOf(steps));
    }

    private double baseRiskFraction(SizingRequest r, List<String> steps) {
        double fixed = cfg.riskPct() / 100;
        switch (cfg.method()) {
            case KELLY -> {
                List<Double> t = r.tradePnls();
                if (t.size() < cfg.kellyMinTrades()) {
                    steps.add("fixed fractional " + cfg.riskPct() + "% (Kelly needs " + cfg.kellyMinTrades()
                            + " trades, have " + t.size() + ")");
                    return fixed;
                }
                double wins = 0;
                double winSum = 0;
                double lossSum = 0;
                for (double p : t) {
                    if (p > 0) {
                        wins++;
                        winSum += p;
                    } else if (p < 0) {
                        lossSum -= p;
                    }
                }
                double losses = t.stream().filter(p -> p < 0).count();
                double w = wins / t.size();
                if (losses == 0 || wins == 0) {
                    steps.add("fixed fractional " + cfg.riskPct() + "% (Kelly undefined without wins and losses)");
                    return fixed;
                }
                double payoff = (winSum / wins) / (lossSum / losses);
                double kelly = w - (1 - w) / payoff;
                double f = Math.max(0, cfg.kellyFraction() * kelly);
                steps.add(String.format(Locale.ROOT, "Kelly f*=%.4f (win %.3f, payoff %.3f) x%.2f = %.4f", kelly, w,
                        payoff, cfg.kellyFraction(), f));
                return f;
            }
            case VOLATILITY_ADJUSTED -> {
                double k = r.recentVolPct() > 0 ? r.referenceVolPct() / r.recentVolPct() : 1;
                k = Math.max(0.25, Math.min(2.0, k));
                steps.add(String.format(Locale.ROOT, "fixed fractional %.2f%% x vol ratio %.3f", cfg.riskPct(), k));
                return fixed * k;
            }
            default -> {
                steps.add("fixed fractional " + cfg.riskPct() + "%");
                return fixed;
            }
        }
    }
}
