package com.forexdiffusion.forecast.conformal;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.HorizonForecast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Conformal calibration of the 90% interval of any forecaster, per horizon (SPEC §6).
 * <ul>
 *   <li>{@link Mode#SPLIT}: scores from a calibration window fix one margin; exchangeable data then get
 *       coverage of at least 1 − α out of sample.</li>
 *   <li>{@link Mode#ADAPTIVE}: adaptive conformal inference (Gibbs and Candès, 2021): after each realised
 *       outcome the working level moves, α_{t+1} = α_t + γ (α − miss_t), and the margin is the conformal
 *       quantile of the most recent scores at level α_t, so coverage recovers after the market changes.</li>
 * </ul>
 * Outcomes must be reported with {@link #observe} only once they are known (target time passed), never early.
 */
public final class ConformalCalibrator {
    public enum Mode { SPLIT, ADAPTIVE }

    private final Mode mode;
    private final double alpha;
    private final double gamma;
    private final int window;
    private final Map<Horizon, Deque<Double>> scores = new HashMap<>();
    // The same scores in sorted order, kept up to date as they come and go (adjust runs once per forecast).
    private final Map<Horizon, SortedWindow> sorted = new HashMap<>();
    private final Map<Horizon, Double> alphaT = new HashMap<>();

    /**
     * @param alpha  miscoverage target (0.1 for the 90% interval)
     * @param gamma  ACI step size (0.005 is the paper's common choice)
     * @param window scores kept per horizon (the calibration window; ACI uses the most recent)
     */
    public ConformalCalibrator(Mode mode, double alpha, double gamma, int window) {
        if (!(alpha > 0 && alpha < 1) || !(gamma >= 0) || window < 1) {
            throw new IllegalArgumentException("bad conformal settings: alpha " + alpha + ", gamma " + gamma
                    + ", window " + window);
        }
        this.mode = mode;
        this.alpha = alpha;
        this.gamma = gamma;
        this.window = window;
    }

    public Mode mode() {
        return mode;
    }

    /** Adds a calibration pair (forecast, realised close) to the scores. */
    public void calibrate(HorizonForecast f, double actual) {
        Deque<Double> d = scores.computeIfAbsent(f.horizon(), h -> new ArrayDeque<>());
        SortedWindow w = sorted.computeIfAbsent(f.horizon(), h -> new SortedWindow());
        double score = IntervalAdjustment.score(f, actual);
        d.addLast(score);
        w.add(score);
        if (d.size() > window) {
            w.remove(d.removeFirst());
        }
    }

    /**
     * Reports a realised outcome of a raw forecast issued after calibration. ACI moves its level by whether the
     * calibrated interval missed; both modes keep their score window current only in ACI (split conformal keeps
     * its calibration set fixed, as its guarantee requires).
     */
    public void observe(HorizonForecast raw, double actual) {
        if (mode == Mode.SPLIT) {
            return;
        }
        observe(raw, actual, adjust(raw));
    }

    /**
     * As {@link #observe(HorizonForecast, double)}, with the miss judged against the interval that was issued when
     * the forecast was made. With a horizon of several steps the outcome arrives after later updates; ACI's error
     * term is the miss of the set actually used at t (Gibbs and Candès), not of one recomputed on arrival.
     */
    public void observe(HorizonForecast raw, double actual, HorizonForecast issued) {
        if (mode == Mode.SPLIT) {
            return;
        }
        boolean miss = actual < issued.q05() || actual > issued.q95();
        double a = alphaT.getOrDefault(raw.horizon(), alpha);
        alphaT.put(raw.horizon(), a + gamma * (alpha - (miss ? 1 : 0)));
        calibrate(raw, actual);
    }

    /** How many calibration scores the horizon has (at most the window). */
    public int scoreCount(Horizon h) {
        Deque<Double> d = scores.get(h);
        return d == null ? 0 : d.size();
    }

    /**
     * Everything the calibrator has learnt: the scores per horizon (minutes, oldest first) and the ACI levels.
     * Restoring it into a calibrator of the same settings continues exactly where this one stands.
     */
    public record State(Map<Integer, List<Double>> scores, Map<Integer, Double> levels) {
        public State {
            Map<Integer, List<Double>> s = new java.util.TreeMap<>();
            scores.forEach((h, v) -> s.put(h, List.copyOf(v)));
            scores = java.util.Collections.unmodifiableMap(s);
            levels = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(levels));
        }
    }

    public State state() {
        Map<Integer, List<Double>> s = new HashMap<>();
        scores.forEach((h, d) -> s.put(h.minutes(), new ArrayList<>(d)));
        Map<Integer, Double> l = new HashMap<>();
        alphaT.forEach((h, a) -> l.put(h.minutes(), a));
        return new State(s, l);
    }

    /** Replaces what this calibrator has learnt by a saved state. */
    public void restore(State s) {
        scores.clear();
        sorted.clear();
        alphaT.clear();
        s.scores().forEach((h, v) -> {
            scores.put(new Horizon(h), new ArrayDeque<>(v));
            SortedWindow w = new SortedWindow();
            v.forEach(w::add);
            sorted.put(new Horizon(h), w);
        });
        s.levels().forEach((h, a) -> alphaT.put(new Horizon(h), a));
    }

    public HorizonForecast adjust(HorizonForecast raw) {
        Deque<Double> d = scores.get(raw.horizon());
        if (d == null || d.isEmpty()) {
            throw new IllegalStateException("no calibration scores for horizon " + raw.horizon()
                    + ": calibrate before forecasting");
        }
        double[] s = sorted.get(raw.horizon()).sorted();
        double a = alphaT.getOrDefault(raw.horizon(), alpha);
        double margin;
        if (a >= 1) {
            margin = -Double.MAX_VALUE;
        } else if (a <= 0) {
            margin = s[s.length - 1];
        } else {
            margin = IntervalAdjustment.conformalQuantile(s, a);
            if (Double.isInfinite(margin)) {
                margin = s[s.length - 1];
            }
        }
        if (margin == -Double.MAX_VALUE) {
            // α_t >= 1: ACI asks for an empty interval; the narrowest one, a point at the median, stands for it.
            margin = -(raw.q95() - raw.q05()) / 2;
        }
        return IntervalAdjustment.widen(raw, margin);
    }

    public Forecast adjust(Forecast raw) {
        List<HorizonForecast> hs = new ArrayList<>();
        for (HorizonForecast h : raw.horizons()) {
            hs.add(adjust(h));
        }
        return new Forecast(raw.symbol(), raw.timeframe(), raw.time(), raw.lastClose(), hs, raw.inferenceMillis(),
                raw.modelName() + "+" + (mode == Mode.SPLIT ? "conformal" : "aci"), raw.modelVersion());
    }

    /** The current ACI level α_t for a horizon (α before any outcome). */
    public double level(Horizon h) {
        return alphaT.getOrDefault(h, alpha);
    }
}
