package com.forexdiffusion.forecast.evaluation;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.parallel.Task;
import com.forexdiffusion.core.parallel.TaskPool;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.conformal.ConformalCalibrator;
import com.forexdiffusion.forecast.metrics.HorizonMetrics;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Walk-forward evaluation of several forecasters on the same folds (SPEC §6). Every forecast at bar t sees only
 * bars up to t; forecasters are refitted per fold on that fold's training bars; conformal calibration uses the
 * calibration part, and ACI learns from test outcomes only once their target bar has passed.
 */
public final class WalkForward {
    private WalkForward() {
    }

    public record Fold(int trainStart, int trainEnd, int calibrationStart, int calibrationEnd, int testStart,
                       int testEnd) implements Serializable {
    }

    /**
     * Per forecaster, per horizon, the summary and the test points in time order; the folds used; the number of
     * test forecasts.
     */
    public record Result(Map<String, Map<Horizon, HorizonMetrics.Summary>> metrics,
                         Map<String, Map<Horizon, List<Point>>> points, List<Fold> folds, long testForecasts) {
    }

    /** One evaluated test forecast: made at {@code time} when the close was {@code lastClose}. */
    public record Point(long time, double lastClose, double q05, double q50, double q95, double mean, double actual) {
        public boolean covered() {
            return actual >= q05 && actual <= q95;
        }
    }

    public static List<Fold> folds(int n, WalkForwardConfig cfg, int gap) {
        List<Fold> out = new ArrayList<>();
        for (int start = 0; ; start += cfg.testBars()) {
            int trainEnd = start + cfg.trainBars();
            int calStart = trainEnd + gap;
            int calEnd = calStart + cfg.calibrationBars();
            int testStart = calEnd + gap;
            int testEnd = testStart + cfg.testBars();
            if (testEnd + gap > n) {
                break;
            }
            out.add(new Fold(start, trainEnd, calStart, calEnd, testStart, testEnd));
        }
        return out;
    }

    /** The folds of these bars, the gaps the longest horizon in bars; none is an error that says why. */
    public static List<Fold> folds(BarSeries bars, WalkForwardConfig cfg) {
        int maxHb = maxHorizonBars(bars, cfg);
        List<Fold> folds = folds(bars.size(), cfg, maxHb);
        if (folds.isEmpty()) {
            throw BadInputException.ofField("bars", bars.size() + " " + bars.timeframe() + " bars are too few for one fold of "
                    + cfg.trainBars() + " train + " + cfg.calibrationBars() + " calibration + " + cfg.testBars()
                    + " test bars with gaps of " + maxHb);
        }
        return folds;
    }

    /** One forecaster (by its place in the list) on one fold: what a task of the pooled {@code run} is given. */
    public record FoldJob(int fold, Fold bars, int forecaster) implements Serializable {
    }

    /** A forecaster's scored test points on one fold, in time order, and how many forecasts they came from. */
    public record FoldScores(List<Scored> scored, long forecasts) implements Serializable {
    }

    /** One horizon of a test forecast: made at {@code time}, calibrated if asked, and the close it is scored on. */
    public record Scored(long time, double lastClose, HorizonForecast used, double actual) implements Serializable {
    }

    public static Result run(BarSeries bars, List<ForecasterFactory> factories, WalkForwardConfig cfg,
                             ProgressListener progress) {
        List<Fold> folds = folds(bars, cfg);
        // Progress in forecast steps (calibration and test points of every fold and forecaster): a slow model
        // shows movement within a fold. Points skipped as unusable are counted when their fold ends.
        long perFactory = 0;
        for (Fold fold : folds) {
            perFactory += steps(fold, cfg);
        }
        long total = perFactory * factories.size();
        long[] done = {0};
        Totals totals = new Totals(factories.stream().map(ForecasterFactory::name).toList(), cfg);
        for (Fold fold : folds) {
            for (ForecasterFactory factory : factories) {
                long doneBefore = done[0];
                totals.add(factory.name(), score(bars, factory, fold, cfg, n -> progress.update(done[0] += n, total)));
                done[0] = Math.max(done[0], doneBefore + steps(fold, cfg));
                progress.update(done[0], total);
            }
        }
        return totals.result(folds);
    }

    /**
     * The same evaluation as {@link #run(BarSeries, List, WalkForwardConfig, ProgressListener)}, each (fold,
     * forecaster) a task of the pool, and the scores combined in fold and forecaster order: equal figures wherever
     * the tasks ran. The task reads its bars and fits its forecaster where it runs.
     *
     * @param progress tasks done of (folds × forecasters)
     */
    public static Result run(BarSeries bars, List<String> forecasters, WalkForwardConfig cfg, TaskPool pool,
                             Task<FoldJob, FoldScores> task, ProgressListener progress) {
        List<Fold> folds = folds(bars, cfg);
        List<FoldJob> jobs = new ArrayList<>();
        for (int i = 0; i < folds.size(); i++) {
            for (int k = 0; k < forecasters.size(); k++) {
                jobs.add(new FoldJob(i, folds.get(i), k));
            }
        }
        List<FoldScores> scores = pool.map(jobs, task, progress);
        Totals totals = new Totals(forecasters, cfg);
        for (int i = 0; i < jobs.size(); i++) {
            totals.add(forecasters.get(jobs.get(i).forecaster()), scores.get(i));
        }
        return totals.result(folds);
    }

    /** One forecaster on one fold: fitted on the training bars, calibrated if asked, scored on the test bars. */
    public static FoldScores score(BarSeries bars, ForecasterFactory factory, Fold fold, WalkForwardConfig cfg,
                                   LongConsumer made) {
        int[] hb = horizonBars(bars, cfg);
        int maxHb = maxHorizonBars(bars, cfg);
        int[] gapsUpTo = gapsUpTo(bars);
        Forecaster f = factory.fit(bars.slice(fold.trainStart(), fold.trainEnd()));
        ConformalCalibrator cal = cfg.conformal() == null ? null
                : new ConformalCalibrator(cfg.conformal(), cfg.alpha(), 0.005, cfg.calibrationBars());
        if (cal != null) {
            Map<Integer, Forecast> calibration = forecasts(bars, f, cfg, fold.calibrationStart(),
                    fold.calibrationEnd(), maxHb, gapsUpTo, made);
            for (int t = fold.calibrationStart(); t < fold.calibrationEnd(); t += cfg.step()) {
                Forecast raw = calibration.get(t);
                if (raw == null) {
                    continue;
                }
                for (int k = 0; k < hb.length; k++) {
                    cal.calibrate(raw.horizons().get(k), bars.close(t + hb[k]));
                }
            }
        }
        Map<Integer, Forecast> test = forecasts(bars, f, cfg, fold.testStart(), fold.testEnd(), maxHb, gapsUpTo, made);
        Deque<Pending> pending = new ArrayDeque<>();
        List<Scored> scored = new ArrayList<>();
        long tests = 0;
        for (int t = fold.testStart(); t < fold.testEnd(); t += cfg.step()) {
            // ACI learns only from outcomes whose target bar is already closed at t.
            while (cal != null && !pending.isEmpty() && pending.peekFirst().targetIndex <= t) {
                Pending p = pending.removeFirst();
                cal.observe(p.raw, bars.close(p.targetIndex));
            }
            Forecast raw = test.get(t);
            if (raw == null) {
                continue;
            }
            Forecast used = cal == null ? raw : cal.adjust(raw);
            for (int k = 0; k < hb.length; k++) {
                scored.add(new Scored(raw.time(), raw.lastClose(), used.horizons().get(k), bars.close(t + hb[k])));
                if (cal != null) {
                    pending.addLast(new Pending(t + hb[k], raw.horizons().get(k)));
                }
            }
            tests++;
        }
        return new FoldScores(scored, tests);
    }

    /** The metrics and points of every forecaster, filled fold by fold in the order the folds ran. */
    private static final class Totals {
        private final Map<String, Map<Horizon, HorizonMetrics>> acc = new LinkedHashMap<>();
        private final Map<String, Map<Horizon, List<Point>>> points = new LinkedHashMap<>();
        private long tests;

        Totals(List<String> names, WalkForwardConfig cfg) {
            for (String name : names) {
                Map<Horizon, HorizonMetrics> m = new LinkedHashMap<>();
                Map<Horizon, List<Point>> pts = new LinkedHashMap<>();
                cfg.horizons().forEach(h -> {
                    m.put(h, new HorizonMetrics(h));
                    pts.put(h, new ArrayList<>());
                });
                acc.put(name, m);
                points.put(name, pts);
            }
        }

        void add(String name, FoldScores scores) {
            for (Scored s : scores.scored()) {
                HorizonForecast h = s.used();
                acc.get(name).get(h.horizon()).add(h, s.lastClose(), s.actual());
                points.get(name).get(h.horizon()).add(new Point(s.time(), s.lastClose(), h.q05(), h.q50(), h.q95(),
                        h.mean(), s.actual()));
            }
            tests += scores.forecasts();
        }

        Result result(List<Fold> folds) {
            Map<String, Map<Horizon, HorizonMetrics.Summary>> out = new LinkedHashMap<>();
            acc.forEach((name, m) -> {
                Map<Horizon, HorizonMetrics.Summary> s = new LinkedHashMap<>();
                m.forEach((h, hm) -> s.put(h, hm.summary()));
                out.put(name, s);
            });
            return new Result(out, points, folds, tests);
        }
    }

    private static int[] horizonBars(BarSeries bars, WalkForwardConfig cfg) {
        return cfg.horizons().stream().mapToInt(h -> h.bars(bars.timeframe())).toArray();
    }

    private static int maxHorizonBars(BarSeries bars, WalkForwardConfig cfg) {
        return java.util.Arrays.stream(horizonBars(bars, cfg)).max().orElse(0);
    }

    /** Session gaps among bars [1, i], by i. */
    private static int[] gapsUpTo(BarSeries bars) {
        int[] gapsUpTo = new int[bars.size()];
        for (int i = 1; i < bars.size(); i++) {
            gapsUpTo[i] = gapsUpTo[i - 1] + (FxMarketHours.isSessionGap(bars.ts(i - 1), bars.ts(i), bars.timeframe()) ? 1 : 0);
        }
        return gapsUpTo;
    }

    /** Calibration and test steps of one fold and forecaster. */
    private static long steps(Fold fold, WalkForwardConfig cfg) {
        return (cfg.conformal() == null ? 0 : steps(fold.calibrationStart(), fold.calibrationEnd(), cfg.step()))
                + steps(fold.testStart(), fold.testEnd(), cfg.step());
    }

    private record Pending(int targetIndex, HorizonForecast raw) {
    }

    /**
     * The raw forecasts at every usable step in [from, to), made in batches (one window's forecast depends on its
     * own window and seed only, so batching changes nothing but the speed).
     */
    private static long steps(int from, int to, int step) {
        return to <= from ? 0 : (to - from + step - 1) / step;
    }

    private static Map<Integer, Forecast> forecasts(BarSeries bars, Forecaster f, WalkForwardConfig cfg, int from,
                                                    int to, int maxHb, int[] gapsUpTo,
                                                    LongConsumer made) {
        List<Integer> ts = new ArrayList<>();
        for (int t = from; t < to; t += cfg.step()) {
            if (usable(t, maxHb, f.lookback(), gapsUpTo, bars.size())) {
                ts.add(t);
            }
        }
        Map<Integer, Forecast> out = new java.util.HashMap<>();
        for (int i = 0; i < ts.size(); i += BATCH) {
            List<Integer> chunk = ts.subList(i, Math.min(ts.size(), i + BATCH));
            List<Forecast> got = f.forecastBatch(chunk.stream().map(t -> request(bars, t, f, cfg)).toList());
            for (int k = 0; k < chunk.size(); k++) {
                out.put(chunk.get(k), got.get(k));
            }
            made.accept(chunk.size());
        }
        return out;
    }

    private static final int BATCH = 256;

    /**
     * At least one return before t, and no in-session hole between t and its farthest target, so that every
     * target is the bar its horizon names (holes inside the lookback are the forecaster's business).
     */
    private static boolean usable(int t, int maxHb, int lookback, int[] gapsUpTo, int n) {
        return t >= 1 && t + maxHb < n && gapsUpTo[t + maxHb] - gapsUpTo[t] == 0;
    }

    private static ForecastRequest request(BarSeries bars, int t, Forecaster f, WalkForwardConfig cfg) {
        int from = Math.max(0, t - f.lookback());
        return new ForecastRequest(bars.slice(from, t + 1), cfg.horizons(), cfg.samples(), cfg.seed() ^ t, true);
    }
}
