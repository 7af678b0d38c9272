package com.forexdiffusion.forecast.report;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.evaluation.WalkForward;
import com.forexdiffusion.forecast.metrics.HorizonMetrics;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The walk-forward report as one self-contained HTML page with inline SVG: the metric table with each
 * forecaster's ratio to the reference random walk, a fan chart over a test stretch, coverage over time and PIT
 * histograms.
 */
public final class EvaluationReport {
    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
    static final int FAN_POINTS = 300;
    static final int COVERAGE_WINDOW = 500;

    private EvaluationReport() {
    }

    /**
     * @param reference the forecaster the ratios are taken against (normally "rw-ewma")
     * @param header    lines describing the run (data range, config, seed, code version)
     */
    public static String html(WalkForward.Result r, String reference, List<String> header) {
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>ForexDiffusion "
                + "evaluation</title><style>body{font-family:sans-serif;margin:24px;max-width:1100px}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                + "th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}</style></head><body>");
        h.append("<h1>Walk-forward evaluation</h1><ul>");
        header.forEach(l -> h.append("<li>").append(Svg.escape(l)).append("</li>"));
        h.append("</ul>");
        h.append("<h2>Metrics</h2><p>MSE and MAE of log returns; CRPS on prices; ratios are to ")
                .append(Svg.escape(reference)).append(" (below 1 is better).</p>");
        h.append("<table><tr><th>forecaster</th><th>horizon</th><th>n</th><th>MSE</th><th>MAE</th><th>CRPS</th>"
                + "<th>MSE ratio</th><th>CRPS ratio</th><th>coverage 90%</th><th>PIT p-value</th>"
                + "<th>directional accuracy (95% CI)</th></tr>");
        Map<Horizon, HorizonMetrics.Summary> ref = r.metrics().get(reference);
        r.metrics().forEach((name, byH) -> byH.forEach((hz, s) -> {
            HorizonMetrics.Summary base = ref == null ? null : ref.get(hz);
            h.append("<tr><td>").append(Svg.escape(name)).append("</td><td>").append(hz).append("</td><td>")
                    .append(s.n()).append("</td><td>").append(sci(s.mseReturn())).append("</td><td>")
                    .append(sci(s.maeReturn())).append("</td><td>").append(sci(s.crps())).append("</td><td>")
                    .append(base == null ? "" : fix(s.mseReturn() / base.mseReturn())).append("</td><td>")
                    .append(base == null ? "" : fix(s.crps() / base.crps())).append("</td><td>")
                    .append(pct(s.coverage90())).append("</td><td>").append(fix(s.pit().pValue())).append("</td><td>")
                    .append(Double.isNaN(s.directional().accuracy()) ? "no calls" : pct(s.directional().accuracy())
                            + " (" + pct(s.directional().lower95()) + "–" + pct(s.directional().upper95()) + ")")
                    .append("</td></tr>");
        }));
        h.append("</table>");
        String first = r.points().keySet().iterator().next();
        r.points().get(first).forEach((hz, pts) -> {
            if (pts.isEmpty()) {
                return;
            }
            h.append("<h2>Fan chart: ").append(Svg.escape(first)).append(", ").append(hz).append("</h2>");
            h.append(fan(pts.subList(0, Math.min(FAN_POINTS, pts.size())), first + " " + hz));
        });
        h.append("<h2>Coverage of the 90% interval over time (rolling ").append(COVERAGE_WINDOW).append(" forecasts)</h2>");
        for (Horizon hz : r.points().get(first).keySet()) {
            h.append(coverage(r, hz));
        }
        h.append("<h2>PIT histograms</h2><p>Flat is calibrated; a U shape means intervals too narrow, a hump too wide."
                + "</p><div style=\"display:flex;flex-wrap:wrap;gap:8px\">");
        r.metrics().forEach((name, byH) -> byH.forEach((hz, s) -> {
            long[] c = s.pit().counts();
            double[] heights = new double[c.length];
            double max = 0;
            for (int i = 0; i < c.length; i++) {
                heights[i] = c[i];
                max = Math.max(max, c[i]);
            }
            double expected = (double) s.n() / c.length;
            h.append(new Svg(340, 200, name + " " + hz).range(0, 1, 0, Math.max(max, expected)).bars(heights, "#7aa6d6")
                    .hline(expected, "#333").xLabels("0", "1"));
        }));
        h.append("</div></body></html>");
        return h.toString();
    }

    static String fan(List<WalkForward.Point> pts, String title) {
        int n = pts.size();
        double[] x = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] mid = new double[n];
        double[] act = new double[n];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            WalkForward.Point p = pts.get(i);
            x[i] = i;
            lo[i] = p.q05();
            hi[i] = p.q95();
            mid[i] = p.q50();
            act[i] = p.actual();
            min = Math.min(min, Math.min(lo[i], act[i]));
            max = Math.max(max, Math.max(hi[i], act[i]));
        }
        return new Svg(1000, 320, title + ": forecast q05–q95 band and q50 for t + h beside the close realised at t + h, by forecast time t").range(0, n - 1, min, max)
                .band(x, lo, hi, "#1f77b4", 0.2).line(x, mid, "#1f77b4", 1).line(x, act, "#222", 1.2)
                .legend(new String[]{"q05–q95", "q50", "realised"}, new String[]{"#a9c8e6", "#1f77b4", "#222"})
                .xLabels(Instant.ofEpochMilli(pts.get(0).time()).toString(),
                        Instant.ofEpochMilli(pts.get(n - 1).time()).toString()).toString();
    }

    static String coverage(WalkForward.Result r, Horizon hz) {
        Svg svg = new Svg(1000, 260, "horizon " + hz);
        svg.range(0, 1, 0.7, 1.0);
        String[] names = r.points().keySet().toArray(String[]::new);
        String[] colors = new String[names.length];
        int k = 0;
        for (String name : names) {
            List<WalkForward.Point> pts = r.points().get(name).get(hz);
            colors[k] = COLORS[k % COLORS.length];
            if (pts.size() > COVERAGE_WINDOW) {
                int m = pts.size() - COVERAGE_WINDOW + 1;
                double[] x = new double[m];
                double[] y = new double[m];
                int hits = 0;
                for (int i = 0; i < pts.size(); i++) {
                    hits += pts.get(i).covered() ? 1 : 0;
                    if (i >= COVERAGE_WINDOW) {
                        hits -= pts.get(i - COVERAGE_WINDOW).covered() ? 1 : 0;
                    }
                    if (i >= COVERAGE_WINDOW - 1) {
                        int j = i - COVERAGE_WINDOW + 1;
                        x[j] = (double) j / Math.max(1, m - 1);
                        y[j] = Math.max(0.7, (double) hits / COVERAGE_WINDOW);
                    }
                }
                svg.line(x, y, colors[k], 1);
            }
            k++;
        }
        return svg.hline(0.9, "#333").legend(names, colors).toString();
    }

    private static String sci(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4e", v);
    }

    private static String fix(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
