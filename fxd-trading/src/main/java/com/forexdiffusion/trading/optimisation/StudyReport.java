package com.forexdiffusion.trading.optimisation;

import com.forexdiffusion.forecast.report.Svg;
import com.forexdiffusion.trading.optimisation.objective.BacktestObjective;
import com.forexdiffusion.trading.optimisation.overfitting.BacktestOverfitting;
import com.forexdiffusion.trading.optimisation.overfitting.DeflatedSharpe;
import com.forexdiffusion.trading.optimisation.space.Param;
import com.forexdiffusion.trading.optimisation.space.SearchSpace;
import com.forexdiffusion.trading.optimisation.study.StudyDefinition;
import com.forexdiffusion.trading.optimisation.study.TrialRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html of a study: the run, in-sample against held-out objective and the overfitting statistics first (they
 * decide whether the best trial means anything), then convergence, parameter importance, one slice per parameter
 * (mean objective by tenth of its range) and the best trials.
 */
final class StudyReport {
    private static final int SLICE_BINS = 10;

    private StudyReport() {
    }

    static String html(StudyDefinition def, Map<String, Object> config, SearchSpace space, TrialRecord best,
                       BacktestObjective.Run holdout, DeflatedSharpe.Result dsr, BacktestOverfitting.Result pbo,
                       Map<String, Double> importance, List<TrialRecord> all) {
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>ForexDiffusion "
                + "study " + esc(def.name()) + "</title><style>body{font-family:sans-serif;margin:24px;max-width:1100px}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                + "th{background:#f3f3f3}</style></head><body><h1>Study " + esc(def.name()) + "</h1><ul>");
        h.append("<li>sampler ").append(esc(def.sampler())).append(", seed ").append(def.seed()).append(", ")
                .append(def.batchSize()).append(" trial(s) at a time, ").append(all.size()).append(" trials</li>");
        config.forEach((k, v) -> h.append("<li>").append(esc(k)).append(": ").append(esc(String.valueOf(v)))
                .append("</li>"));
        h.append("</ul>");
        summary(h, best, holdout, dsr, pbo);
        bestParams(h, best);
        convergence(h, all);
        importance(h, importance);
        slices(h, space, all);
        topTrials(h, space, all);
        return h.append("</body></html>").toString();
    }

    private static void summary(StringBuilder h, TrialRecord best, BacktestObjective.Run holdout,
                                DeflatedSharpe.Result dsr, BacktestOverfitting.Result pbo) {
        h.append("<h2>Overfitting check</h2><table><tr><th>best trial</th><th>objective (walk-forward folds)</th>"
                + "<th>objective (held-out period)</th><th>deflated Sharpe ratio</th><th>PBO (CSCV)</th></tr><tr>");
        h.append(td(Integer.toString(best.number()))).append(td(fix(best.objective())))
                .append(td(fix(holdout.outcome().objective()))).append(td(fix(dsr.deflatedSharpe())))
                .append(td(pbo == null ? "n/a (needs 2 folds)" : fix(pbo.pbo()))).append("</tr></table>");
        h.append(String.format(Locale.ROOT, "<p>The deflated Sharpe ratio is the probability that the best trial's "
                        + "true Sharpe ratio exceeds %.4f per day, the largest expected among %d unskilled trials (its own "
                        + "is %.4f per day over %d days, skewness %.2f, kurtosis %.2f). PBO is the share of the %s "
                        + "in-sample/out-of-sample splits of the folds where the in-sample winner ranks at or below the "
                        + "median out of sample.</p>", dsr.expectedMaxSharpe(), dsr.trials(), dsr.sharpe(),
                dsr.observations(), dsr.skewness(), dsr.kurtosis(), pbo == null ? "0" : pbo.logits().size()));
    }

    private static void bestParams(StringBuilder h, TrialRecord best) {
        h.append("<h2>Best parameters</h2><table><tr><th>parameter</th><th>value</th></tr>");
        best.params().forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td>").append(td(value(v)))
                .append("</tr>"));
        h.append("</table>");
    }

    private static void convergence(StringBuilder h, List<TrialRecord> all) {
        double[] x = new double[all.size()];
        double[] y = new double[all.size()];
        double[] bestSoFar = new double[all.size()];
        double b = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < all.size(); i++) {
            x[i] = i;
            y[i] = all.get(i).objective();
            b = Math.max(b, y[i]);
            bestSoFar[i] = b;
            min = Math.min(min, y[i]);
        }
        h.append("<h2>Convergence</h2>").append(new Svg(1000, 280, "objective by trial (grey) and best so far (blue)")
                .range(0, Math.max(1, all.size() - 1), min, b).line(x, y, "#bbbbbb", 1).line(x, bestSoFar, "#1f77b4", 2)
                .xLabels("trial 0", "trial " + (all.size() - 1)));
    }

    private static void importance(StringBuilder h, Map<String, Double> importance) {
        h.append("<h2>Parameter importance</h2>");
        if (importance.isEmpty()) {
            h.append("<p>Fewer than 8 trials: too few to model.</p>");
            return;
        }
        h.append("<p>Permutation importance on a random forest of the trials (share of the forest's error increase "
                + "when the parameter is shuffled).</p><table><tr><th>parameter</th><th>importance</th></tr>");
        importance.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> h.append("<tr><td>").append(esc(e.getKey())).append("</td>").append(td(fix(e.getValue())))
                        .append("</tr>"));
        h.append("</table>");
    }

    private static void slices(StringBuilder h, SearchSpace space, List<TrialRecord> all) {
        h.append("<h2>Slices</h2><p>Mean objective of the trials in each tenth of a parameter's range (log scale for "
                + "log parameters; one bar per choice for categorical ones; empty bins at the lowest value).</p>");
        for (Param p : space.params()) {
            int bins = p instanceof Param.CategoricalParam c ? c.choices().size() : SLICE_BINS;
            double[] sum = new double[bins];
            int[] n = new int[bins];
            for (TrialRecord t : all) {
                double u = p.toUnit(t.params().get(p.name()));
                int k = Math.min(bins - 1, (int) Math.floor(u * bins));
                sum[k] += t.objective();
                n[k]++;
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double[] mean = new double[bins];
            for (int k = 0; k < bins; k++) {
                if (n[k] > 0) {
                    mean[k] = sum[k] / n[k];
                    lo = Math.min(lo, mean[k]);
                    hi = Math.max(hi, mean[k]);
                }
            }
            if (!Double.isFinite(lo)) {
                continue;
            }
            for (int k = 0; k < bins; k++) {
                if (n[k] == 0) {
                    mean[k] = lo;
                }
            }
            String first = p instanceof Param.CategoricalParam c ? value(c.choices().get(0)) : value(p.fromUnit(0));
            String last = p instanceof Param.CategoricalParam c ? value(c.choices().get(bins - 1)) : value(p.fromUnit(1));
            h.append(new Svg(480, 200, p.name()).range(0, bins, lo, hi).bars(mean, "#2ca02c").xLabels(first, last));
        }
    }

    private static void topTrials(StringBuilder h, SearchSpace space, List<TrialRecord> all) {
        List<TrialRecord> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingDouble(TrialRecord::objective).reversed());
        h.append("<h2>Best trials</h2><table><tr><th>trial</th><th>objective</th>");
        space.params().forEach(p -> h.append("<th>").append(esc(p.name())).append("</th>"));
        h.append("<th>seconds</th></tr>");
        for (TrialRecord t : sorted.subList(0, Math.min(15, sorted.size()))) {
            h.append("<tr>").append(td(Integer.toString(t.number()))).append(td(fix(t.objective())));
            space.params().forEach(p -> h.append(td(value(t.params().get(p.name())))));
            h.append(td(t.durationMs() == null ? "" : fix(t.durationMs() / 1000.0))).append("</tr>");
        }
        h.append("</table>");
    }

    private static String td(String s) {
        return "<td>" + s + "</td>";
    }

    private static String value(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : esc(String.valueOf(v));
    }

    private static String fix(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
