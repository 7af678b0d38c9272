package com.forexdiffusion.trading.report;

import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.forecast.conformal.OnlineCalibrator;
import com.forexdiffusion.forecast.report.Svg;
import com.forexdiffusion.trading.engine.Backtest;
import com.forexdiffusion.trading.engine.TradeRecord;
import com.forexdiffusion.trading.engine.UncertaintyEffects;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The backtest report (SPEC §8): figures, equity and drawdown charts, monthly returns, the trade list. */
public final class BacktestReport {
    private BacktestReport() {
    }

    public static String tradesCsv(List<TradeRecord> trades) {
        StringBuilder sb = new StringBuilder("position_id,symbol,side,lots,opened_at,entry,closed_at,exit,reason,"
                + "price_pnl,swap,commission,net_pnl,signal_id,uncertainty_pct,quality,regime\n");
        for (TradeRecord t : trades) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%.2f,%s,%.6f,%s,%.6f,%s,%.2f,%.2f,%.2f,%.2f,%s,%.4f,%.4f,%s%n",
                    t.positionId(), t.symbol(), t.side(), t.lots(), Instant.ofEpochMilli(t.openedAt()), t.entry(),
                    Instant.ofEpochMilli(t.closedAt()), t.exit(), t.reason(), t.pricePnl(), t.swap(), t.commission(),
                    t.netPnl(), t.signalId(), t.uncertaintyPct(), t.quality(), t.regime() == null ? "" : t.regime()));
        }
        return sb.toString();
    }

    /** Trades, wins and net result per regime at entry ("none" without a detector). */
    public record RegimeStats(long trades, long wins, double netPnl) {
    }

    public static Map<String, RegimeStats> byRegime(List<TradeRecord> trades) {
        Map<String, RegimeStats> out = new TreeMap<>();
        for (TradeRecord t : trades) {
            String k = t.regime() == null ? "none" : t.regime();
            RegimeStats s = out.getOrDefault(k, new RegimeStats(0, 0, 0));
            out.put(k, new RegimeStats(s.trades() + 1, s.wins() + (t.netPnl() > 0 ? 1 : 0), s.netPnl() + t.netPnl()));
        }
        return out;
    }

    /** Share of the period with a position open (overlaps counted once per position). */
    public static double exposure(List<TradeRecord> trades, long from, long to) {
        long held = 0;
        for (TradeRecord t : trades) {
            held += Math.max(0, Math.min(t.closedAt(), to) - Math.max(t.openedAt(), from));
        }
        return to > from ? Math.min(1.0, (double) held / (to - from)) : Double.NaN;
    }

    /** Traded notional in quote currency (entry and exit legs) over the starting equity. */
    public static double turnover(List<TradeRecord> trades, com.forexdiffusion.core.InstrumentCatalog instruments,
                                  double startEquity) {
        double notional = 0;
        for (TradeRecord t : trades) {
            notional += t.lots() * instruments.resolve(t.symbol()).contractSize() * (t.entry() + t.exit());
        }
        return notional / startEquity;
    }

    /** Month (yyyy-MM) to return over the month, from end-of-day equity. */
    static Map<String, Double> monthly(List<LocalDate> days, double[] equity) {
        Map<String, double[]> firstLast = new TreeMap<>();
        double prevClose = equity[0];
        for (int i = 0; i < days.size(); i++) {
            String m = days.get(i).toString().substring(0, 7);
            double start = i == 0 ? equity[0] : prevClose;
            firstLast.computeIfAbsent(m, k -> new double[]{start, start})[1] = equity[i];
            prevClose = equity[i];
        }
        Map<String, Double> out = new TreeMap<>();
        firstLast.forEach((m, fl) -> out.put(m, fl[1] / fl[0] - 1));
        return out;
    }

    public static String html(Backtest.Result r, List<String> header) {
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>ForexDiffusion "
                + "backtest</title><style>body{font-family:sans-serif;margin:24px;max-width:1100px}table{border-collapse:"
                + "collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}"
                + "</style></head><body><h1>Backtest</h1><ul>");
        header.forEach(l -> h.append("<li>").append(esc(l)).append("</li>"));
        h.append("</ul>");
        PerformanceMetrics m = r.metrics();
        if (m != null) {
            h.append("<table><tr><th>total return</th><th>CAGR</th><th>Sharpe</th><th>Sortino</th><th>max drawdown</th>"
                    + "<th>Calmar</th><th>profit factor</th><th>win rate</th><th>expectancy</th><th>trades</th></tr><tr>");
            for (String v : new String[]{pct(m.totalReturn()), pct(m.cagr()), fix(m.sharpe()), fix(m.sortino()),
                    pct(m.maxDrawdown()), fix(m.calmar()), fix(m.profitFactor()), pct(m.winRate()), fix(m.expectancy()),
                    Integer.toString(m.trades())}) {
                h.append("<td>").append(v).append("</td>");
            }
            h.append("</tr></table>");
        }
        calibration(h, r.calibration(), r.uncertainty());
        SkillGateFigures.html(h, r.skillGate());
        double[] eq = r.dailyEquity();
        if (eq.length >= 2) {
            double[] x = new double[eq.length];
            double[] dd = new double[eq.length];
            double peak = eq[0];
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double minDd = 0;
            for (int i = 0; i < eq.length; i++) {
                x[i] = i;
                peak = Math.max(peak, eq[i]);
                dd[i] = -(peak - eq[i]) / peak * 100;
                min = Math.min(min, eq[i]);
                max = Math.max(max, eq[i]);
                minDd = Math.min(minDd, dd[i]);
            }
            String first = r.days().get(0).toString();
            String last = r.days().get(r.days().size() - 1).toString();
            h.append("<h2>Equity</h2>").append(new Svg(1000, 300, "end-of-day equity").range(0, eq.length - 1, min, max)
                    .line(x, eq, "#1f77b4", 1.5).xLabels(first, last));
            h.append("<h2>Drawdown (%)</h2>").append(new Svg(1000, 220, "drawdown from the running peak, percent")
                    .range(0, eq.length - 1, minDd, 0).line(x, dd, "#d62728", 1.2).xLabels(first, last));
            h.append("<h2>By regime at entry</h2><table><tr><th>regime</th><th>trades</th><th>win rate</th>"
                    + "<th>net P&amp;L</th></tr>");
            byRegime(r.trades()).forEach((k, s) -> h.append(String.format(Locale.ROOT,
                    "<tr><td>%s</td><td>%d</td><td>%s</td><td>%.2f</td></tr>", k, s.trades(),
                    pct(s.trades() == 0 ? Double.NaN : (double) s.wins() / s.trades()), s.netPnl())));
            h.append("</table>");
            h.append("<h2>Monthly returns</h2><table><tr><th>month</th><th>return</th></tr>");
            monthly(r.days(), eq).forEach((mo, ret) -> h.append("<tr><td>").append(mo).append("</td><td>")
                    .append(pct(ret)).append("</td></tr>"));
            h.append("</table>");
        }
        h.append("<h2>Trades</h2><table><tr><th>opened</th><th>side</th><th>lots</th><th>entry</th><th>closed</th>"
                + "<th>exit</th><th>reason</th><th>net P&amp;L</th><th>u %</th><th>quality</th></tr>");
        for (TradeRecord t : r.trades()) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%.2f</td><td>%.5f</td><td>%s</td>"
                            + "<td>%.5f</td><td>%s</td><td>%.2f</td><td>%.3f</td><td>%.3f</td></tr>",
                    Instant.ofEpochMilli(t.openedAt()), t.side(), t.lots(), t.entry(), Instant.ofEpochMilli(t.closedAt()),
                    t.exit(), t.reason(), t.netPnl(), t.uncertaintyPct(), t.quality()));
        }
        if (r.trades().isEmpty()) {
            h.append("<tr><td colspan=\"10\">no trades: no signal passed the quality, strength, uncertainty, risk "
                    + "and skill gate filters</td></tr>");
        }
        return h.append("</table></body></html>").toString();
    }

    /** The calibration setting, the intervals' coverage per horizon, the u distribution and what u changed. */
    static void calibration(StringBuilder h, OnlineCalibrator.Summary c, UncertaintyEffects.Summary u) {
        CalibrationConfig cfg = c.config();
        h.append(String.format(Locale.ROOT, "<h2>Calibration and uncertainty</h2><p>calibration %s (alpha %.3f, "
                        + "gamma %.4f, window %d, warm-up %d outcomes); %d forecasts withheld while warming up</p>",
                cfg.mode().label(), cfg.alpha(), cfg.gamma(), cfg.window(), cfg.warmup(), c.withheld()));
        h.append("<table><tr><th>horizon</th><th>resolved intervals</th><th>coverage used</th><th>coverage raw</th>"
                + "<th>level</th></tr>");
        c.coverage().forEach((hz, cov) -> h.append(String.format(Locale.ROOT,
                "<tr><td>%d min</td><td>%d</td><td>%s</td><td>%s</td><td>%.4f</td></tr>", hz.minutes(),
                cov.resolved(), pct(cov.calibrated()), pct(cov.raw()), c.levels().get(hz))));
        h.append("</table>");
        h.append(String.format(Locale.ROOT, "<table><tr><th>signals</th><th>u p10</th><th>u p50</th><th>u p90</th>"
                        + "<th>penalty applied</th><th>penalty rejected</th><th>sized</th><th>sizing reduced</th>"
                        + "<th>sizing rejected</th></tr><tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%d</td>"
                        + "<td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr></table>", u.signals(), upct(u.uP10()),
                upct(u.uP50()), upct(u.uP90()), u.penaltyApplied(), u.penaltyRejected(), u.sized(), u.sizingReduced(),
                u.sizingRejected()));
    }

    private static String upct(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f%%", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    private static String fix(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? String.valueOf(v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
