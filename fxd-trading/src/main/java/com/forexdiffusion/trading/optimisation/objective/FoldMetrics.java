package com.forexdiffusion.trading.optimisation.objective;

import com.forexdiffusion.trading.engine.TradeRecord;
import com.forexdiffusion.trading.report.PerformanceMetrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one walk-forward fold of a trial: Sharpe (annualised, daily), maximum drawdown (fraction), profit
 * factor, cost ratio (commission and swap paid over the gross price P&amp;L moved, Σ|price P&amp;L|), the mean u (percent)
 * of the trades' signals and the directional accuracy (share of trades whose price move went their way).
 */
public record FoldMetrics(double sharpe, double maxDrawdown, double profitFactor, double costRatio,
                          double avgUncertaintyPct, double directionalAccuracy, int trades, double totalReturn) {

    /** @param dailyEquity the fold's end-of-day equity, starting with the value before its first day */
    static FoldMetrics of(double[] dailyEquity, double calendarDays, List<TradeRecord> trades) {
        PerformanceMetrics p = dailyEquity.length >= 2
                ? PerformanceMetrics.of(dailyEquity, calendarDays, trades.stream().map(TradeRecord::netPnl).toList())
                : null;
        double costs = 0;
        double gross = 0;
        double u = 0;
        int uCount = 0;
        int right = 0;
        for (TradeRecord t : trades) {
            costs += t.commission() - t.swap();
            gross += Math.abs(t.pricePnl());
            if (Double.isFinite(t.uncertaintyPct())) {
                u += t.uncertaintyPct();
                uCount++;
            }
            if (t.pricePnl() > 0) {
                right++;
            }
        }
        int n = trades.size();
        return new FoldMetrics(p == null ? Double.NaN : p.sharpe(), p == null ? 0 : p.maxDrawdown(),
                p == null ? Double.NaN : p.profitFactor(), n == 0 ? Double.NaN : gross > 0 ? costs / gross : 0,
                uCount == 0 ? Double.NaN : u / uCount, n == 0 ? Double.NaN : (double) right / n, n,
                p == null ? 0 : p.totalReturn());
    }

    Map<String, Object> asMap(double objective) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objective", objective);
        m.put("sharpe", finite(sharpe));
        m.put("max_drawdown", maxDrawdown);
        m.put("profit_factor", finite(profitFactor));
        m.put("cost_ratio", finite(costRatio));
        m.put("avg_u_pct", finite(avgUncertaintyPct));
        m.put("directional_accuracy", finite(directionalAccuracy));
        m.put("trades", trades);
        m.put("total_return", totalReturn);
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
