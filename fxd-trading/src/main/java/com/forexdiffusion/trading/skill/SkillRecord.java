package com.forexdiffusion.trading.skill;

import com.forexdiffusion.forecast.HorizonForecast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

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
        return new Scored(ForecastCrps.normal(p.mean(), p.std(), actual), ForecastCrps.normal(p.rwMean(), p.rwStd(),
                actual), call);
    }

    private void push(Scored s) {
        scored.addLast(s);
        resolved++;
        calls += s.call() >= 0 ? 1 : 0;
        hits += s.call() == 1 ? 1 : 0;
        if (scored.size() > window) {
            Scored old = scored.removeFirst();
            calls -= old.call() >= 0 ? 1 : 0;
            hits -= old.call() == 1 ? 1 : 0;
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

    /**
     * Mean CRPS of the model over the mean CRPS of the random walk in the window; NaN when empty. Summed afresh each
     * time (a window of a few hundred), so a resumed record gives the same ratio to the last bit as one never stopped.
     */
    public double crpsRatio() {
        double model = 0;
        double rw = 0;
        for (Scored s : scored) {
            model += s.modelCrps();
            rw += s.randomWalkCrps();
        }
        return scored.isEmpty() || rw <= 0 ? Double.NaN : model / rw;
    }

    /** Directional calls in the window and the hits among them. */
    public long calls() {
        return calls;
    }

    public long hits() {
        return hits;
    }

    /** What a resumed process needs to continue exactly. */
    public record State(List<Pending> pending, List<Scored> window, long resolved) {
        public State {
            pending = List.copyOf(pending);
            window = List.copyOf(window);
        }
    }

    public State state() {
        return new State(pending, new ArrayList<>(scored), resolved);
    }

    public void restore(State s) {
        pending.clear();
        pending.addAll(s.pending());
        scored.clear();
        calls = 0;
        hits = 0;
        for (Scored x : s.window()) {
            scored.addLast(x);
            calls += x.call() >= 0 ? 1 : 0;
            hits += x.call() == 1 ? 1 : 0;
        }
        resolved = s.resolved();
    }
}
