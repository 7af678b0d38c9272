package com.forexdiffusion.trading.skill;

import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.metrics.ScoringRules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The rolling out-of-sample record of one horizon: forecasts wait (with the random walk's forecast made from the
 * same window) until the bar their horizon names has closed, and only then are scored and enter the window of the
 * latest {@code window} resolved ones. Fed in time order, {@link #onBarClose} for every closed bar and then
 * {@link #add} for the forecast made at it, the record at bar t holds no outcome after t.
 */
public final class SkillRecord {
    private final int window;
    private final List<Pending> pending = new ArrayList<>();
    private final ArrayDeque<Scored> scored = new ArrayDeque<>();
    private long resolved;
    private double modelSum;
    private double randomWalkSum;
    private long calls;
    private long hits;

    public SkillRecord(int window) {
        this.window = window;
    }

    /** A forecast (and the random walk's) waiting for the close of the bar labelled {@code targetTime}. */
    public record Pending(long targetTime, double lastClose, double mean, double std, double rwMean, double rwStd) {
    }

    /**
     * One resolved forecast: the model's CRPS, the random walk's, and its direction: 1 hit, 0 miss, −1 no call (no
     * move forecast, or the price closed exactly where it was, as the evaluation counts them).
     */
    public record Scored(double modelCrps, double randomWalkCrps, int call) {
    }

    public void add(HorizonForecast model, HorizonForecast randomWalk, double lastClose) {
        pending.add(new Pending(model.targetTime(), lastClose, model.mean(), model.std(), randomWalk.mean(),
                randomWalk.std()));
    }

    /**
     * The bar labelled {@code barTs} closed at {@code close}: forecasts for it are scored; those whose target bar
     * never came (a session gap) are dropped unscored, as the calibrator and the walk-forward evaluation do.
     */
    public void onBarClose(long barTs, double close) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.targetTime() <= barTs) {
                it.remove();
                if (p.targetTime() == barTs) {
                    push(score(p, close));
                }
            }
        }
    }

    static Scored score(Pending p, double actual) {
        double predicted = p.mean() - p.lastClose();
        double real = actual - p.lastClose();
        int call = predicted == 0 || real == 0 ? -1 : Math.signum(predicted) == Math.signum(real) ? 1 : 0;
        // Both as the normals they are traded as (the engine's forecasts keep no samples): the same kind of score.
        return new Scored(ScoringRules.crpsNormal(p.mean(), p.std(), actual),
                ScoringRules.crpsNormal(p.rwMean(), p.rwStd(), actual), call);
    }

    private void push(Scored s) {
        scored.addLast(s);
        resolved++;
        modelSum += s.modelCrps();
        randomWalkSum += s.randomWalkCrps();
        calls += s.call() >= 0 ? 1 : 0;
        hits += s.call() == 1 ? 1 : 0;
        if (scored.size() > window) {
            Scored old = scored.removeFirst();
            modelSum -= old.modelCrps();
            randomWalkSum -= old.randomWalkCrps();
            calls -= old.call() >= 0 ? 1 : 0;
            hits -= old.call() == 1 ? 1 : 0;
        }
        if (resolved % window == 0) {
            // Adding and removing drifts by rounding over a long run: re-add the window now and then, on a schedule
            // of the record's own count, so a resumed record (the sums are in its state) drifts identically.
            modelSum = 0;
            randomWalkSum = 0;
            for (Scored x : scored) {
                modelSum += x.modelCrps();
                randomWalkSum += x.randomWalkCrps();
            }
        }
    }

    /** Resolved forecasts in the window. */
    public int size() {
        return scored.size();
    }

    /** Resolved forecasts since the start (the window holds the latest of them). */
    public long resolved() {
        return resolved;
    }

    /** Mean CRPS of the model over the mean CRPS of the random walk in the window; NaN when empty. */
    public double crpsRatio() {
        return scored.isEmpty() || randomWalkSum <= 0 ? Double.NaN : modelSum / randomWalkSum;
    }

    /** Directional calls in the window and the hits among them. */
    public long calls() {
        return calls;
    }

    public long hits() {
        return hits;
    }

    /**
     * What a resumed process needs to continue exactly, the running CRPS sums among it (recomputed from the window
     * they would differ in the last bits from the uninterrupted run's). The window is kept as three columns, oldest
     * first: a paper session writes this state with every bar, and columns of numbers are half the JSON of a list of
     * objects.
     */
    public record State(List<Pending> pending, double[] modelCrps, double[] randomWalkCrps, int[] calls, long resolved,
                        double modelSum, double randomWalkSum) {
        public State {
            pending = List.copyOf(pending);
            if (modelCrps.length != randomWalkCrps.length || modelCrps.length != calls.length) {
                throw new IllegalArgumentException("skill record columns of different lengths: " + modelCrps.length
                        + ", " + randomWalkCrps.length + ", " + calls.length);
            }
        }

        public int size() {
            return calls.length;
        }

        // A record compares arrays by reference; states are compared by content (a resumed session's must equal).
        @Override
        public boolean equals(Object o) {
            return o instanceof State s && pending.equals(s.pending) && Arrays.equals(modelCrps, s.modelCrps)
                    && Arrays.equals(randomWalkCrps, s.randomWalkCrps) && Arrays.equals(calls, s.calls)
                    && resolved == s.resolved && Double.compare(modelSum, s.modelSum) == 0
                    && Double.compare(randomWalkSum, s.randomWalkSum) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(pending, Arrays.hashCode(modelCrps), Arrays.hashCode(randomWalkCrps),
                    Arrays.hashCode(calls), resolved, modelSum, randomWalkSum);
        }

        @Override
        public String toString() {
            return "SkillRecord.State[pending=" + pending + ", window=" + calls.length + " resolved, resolved="
                    + resolved + ", sums=" + modelSum + "/" + randomWalkSum + "]";
        }
    }

    public State state() {
        int n = scored.size();
        double[] model = new double[n];
        double[] rw = new double[n];
        int[] call = new int[n];
        int k = 0;
        for (Scored s : scored) {
            model[k] = s.modelCrps();
            rw[k] = s.randomWalkCrps();
            call[k++] = s.call();
        }
        return new State(pending, model, rw, call, resolved, modelSum, randomWalkSum);
    }

    public void restore(State s) {
        pending.clear();
        pending.addAll(s.pending());
        scored.clear();
        calls = 0;
        hits = 0;
        for (int k = 0; k < s.size(); k++) {
            Scored x = new Scored(s.modelCrps()[k], s.randomWalkCrps()[k], s.calls()[k]);
            scored.addLast(x);
            calls += x.call() >= 0 ? 1 : 0;
            hits += x.call() == 1 ? 1 : 0;
        }
        resolved = s.resolved();
        modelSum = s.modelSum();
        randomWalkSum = s.randomWalkSum();
    }
}
