package com.forexdiffusion.trading.report;

import java.util.List;

/**
 * Performance figures of a backtest or account (SPEC §8). Returns are fractions (0.1 = 10%); Sharpe and
 * Sortino are annualised with √252 from daily returns and a zero risk-free rate; Sortino's downside deviation is
 * sqrt(mean(min(r, 0)²)) over all days; maximum drawdown is the largest fall from a running peak, as a fraction.
 */
public record PerformanceMetrics(double totalReturn, double cagr, double sharpe, double sortino, double maxDrawdown,
                                 double calmar, double profitFactor, double winRate, double expectancy, int trades) {
    static final double TRADING_DAYS = 252;

    /**
     * @param dailyEquity end-of-day equity, oldest first (at least two days)
     * @param days        calendar days between the first and last equity value (for CAGR)
     * @param tradePnls   results of closed trades in account currency
     */
    public static PerformanceMetrics of(double[] dailyEquity, double days, List<Double> tradePnls) {
        if (dailyEquity.length < 2) {
            throw new IllegalArgumentException("need at least two daily equity values");
        }
        double first = dailyEquity[0];
        double last = dailyEquity[dailyEquity.length - 1];
        double total = last / first - 1;
        double cagr = days > 0 ? Math.pow(last / first, 365.25 / days) - 1 : Double.NaN;
        int n = dailyEquity.length - 1;
        double[] r = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            r[i] = dailyEquity[i + 1] / dailyEquity[i] - 1;
            mean += r[i];
        }
        mean /= n;
        double var = 0;
        double down = 0;
        for (double x : r) {
            var += (x - mean) * (x - mean);
            down += Math.min(x, 0) * Math.min(x, 0);
        }
        double std = n > 1 ? Math.sqrt(var / (n - 1)) : Double.NaN;
        double downDev = Math.sqrt(down / n);
        double sharpe = std > 0 ? mean / std * Math.sqrt(TRADING_DAYS) : Double.NaN;
        double sortino = downDev > 0 ? mean / downDev * Math.sqrt(TRADING_DAYS) : Double.NaN;
        double peak = dailyEquity[0];
        double maxDd = 0;
        for (double v : dailyEquity) {
            peak = Math.max(peak, v);
            maxDd = Math.max(maxDd, (peak - v) / peak);
        }
        double calmar = maxDd > 0 ? cagr / maxDd : Double.NaN;
        double gains = 0;
        double losses = 0;
        int wins = 0;
        for (double p : tradePnls) {
            if (p > 0) {
                gains += p;
                wins++;
            } else {
                losses -= p;
            }
        }
        int t = tradePnls.size();
        double pf = losses > 0 ? gains / losses : (gains > 0 ? Double.POSITIVE_INFINITY : Double.NaN);
        return new PerformanceMetrics(total, cagr, sharpe, sortino, maxDd, calmar, pf,
                t == 0 ? Double.NaN : (double) wins / t, t == 0 ? Double.NaN : (gains - losses) / t, t);
    }

    /**
     * The same figures with the maximum drawdown taken from {@code barEquity}, the marked-to-market equity after every
     * bar (a fall and recovery inside a day counts; end-of-day equity alone misses it), Calmar with it.
     */
    public PerformanceMetrics withBarDrawdown(double[] barEquity, int length) {
        double peak = length > 0 ? barEquity[0] : 0;
        double dd = maxDrawdown;
        for (int i = 0; i < length; i++) {
            peak = Math.max(peak, barEquity[i]);
            dd = Math.max(dd, (peak - barEquity[i]) / peak);
        }
        return new PerformanceMetrics(totalReturn, cagr, sharpe, sortino, dd, dd > 0 ? cagr / dd : Double.NaN,
                profitFactor, winRate, expectancy, trades);
    }
}
