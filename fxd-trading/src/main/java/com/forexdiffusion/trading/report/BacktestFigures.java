package com.forexdiffusion.trading.report;

import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.forecast.conformal.OnlineCalibrator;
import com.forexdiffusion.trading.engine.Backtest;
import com.forexdiffusion.trading.engine.TradeRecord;
import com.forexdiffusion.trading.engine.UncertaintyEffects;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A backtest's figures as metrics.json writes them: performance, costs, exposure, per regime, forecasts, the
 * calibration and uncertainty figures and the skill gate; an undefined figure is null, never the string NaN.
 */
public final class BacktestFigures {
    private BacktestFigures() {
    }

    public static Map<String, Object> metrics(Backtest.Result r, InstrumentCatalog instruments) {
        Map<String, Object> m = new LinkedHashMap<>();
        PerformanceMetrics p = r.metrics();
        m.put("trades", r.trades().size());
        if (p != null) {
            m.put("total_return_pct", 100 * p.totalReturn());
            m.put("total_return", p.totalReturn());
            m.put("cagr", p.cagr());
            m.put("sharpe", p.sharpe());
            m.put("sortino", p.sortino());
            m.put("max_drawdown_pct", 100 * p.maxDrawdown());
            m.put("max_drawdown", p.maxDrawdown());
            m.put("calmar", p.calmar());
            m.put("profit_factor", p.profitFactor());
            m.put("win_rate", p.winRate());
            m.put("expectancy", p.expectancy());
        }
        m.put("costs_paid", r.trades().stream().mapToDouble(TradeRecord::costsPaid).sum());
        m.put("spread_cost", r.trades().stream().mapToDouble(TradeRecord::spreadCost).sum());
        m.put("exposure", BacktestReport.exposure(r.trades(), r.startTime(), r.endTime()));
        m.put("turnover", BacktestReport.turnover(r.trades(), instruments, r.dailyEquity()[0]));
        Map<String, Object> regimes = new LinkedHashMap<>();
        BacktestReport.byRegime(r.trades()).forEach((k, s) -> regimes.put(k, Map.of("trades", s.trades(), "wins",
                s.wins(), "net_pnl", s.netPnl())));
        m.put("by_regime", regimes);
        m.put("forecasts", r.forecasts());
        m.put("cached_forecasts", r.cachedForecasts());
        m.put("calibration", calibrationFigures(r.calibration()));
        m.put("uncertainty", uncertaintyFigures(r.uncertainty()));
        m.put("skill_gate", SkillGateFigures.json(r.skillGate()));
        m.replaceAll((k, v) -> v instanceof Double x && (x.isNaN() || x.isInfinite()) ? null : v);
        return m;
    }

    public static Map<String, Object> calibrationSetting(CalibrationConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", c.mode().label());
        m.put("alpha", c.alpha());
        m.put("gamma", c.gamma());
        m.put("window", c.window());
        m.put("warmup", c.warmup());
        return m;
    }

    /** The setting, forecasts withheld in the warm-up, and per horizon (minutes) the coverage and the ACI level. */
    public static Map<String, Object> calibrationFigures(OnlineCalibrator.Summary s) {
        Map<String, Object> m = calibrationSetting(s.config());
        m.put("withheld_forecasts", s.withheld());
        Map<String, Object> cov = new LinkedHashMap<>();
        s.coverage().forEach((h, c) -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("resolved", c.resolved());
            x.put("coverage", c.calibrated());
            x.put("raw_coverage", c.raw());
            x.put("level", s.levels().get(h));
            cov.put(Integer.toString(h.minutes()), x);
        });
        m.put("by_horizon", cov);
        return m;
    }

    /** The u distribution (percent) and how often the uncertainty penalty and sizing changed a decision. */
    public static Map<String, Object> uncertaintyFigures(UncertaintyEffects.Summary u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("signals", u.signals());
        m.put("u_pct_p10", finite(u.uP10()));
        m.put("u_pct_p50", finite(u.uP50()));
        m.put("u_pct_p90", finite(u.uP90()));
        m.put("penalty_applied", u.penaltyApplied());
        m.put("penalty_rejected", u.penaltyRejected());
        m.put("sized", u.sized());
        m.put("sizing_reduced", u.sizingReduced());
        m.put("sizing_rejected", u.sizingRejected());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
