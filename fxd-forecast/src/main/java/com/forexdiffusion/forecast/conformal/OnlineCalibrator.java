package com.forexdiffusion.forecast.conformal;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.HorizonForecast;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Calibrates a stream of forecasts as they are made, learning only from outcomes already known (SPEC §7): each
 * forecast waits until the bar its horizon names has closed, and only then becomes a calibration score. Feed it in
 * time order: {@link #onBarClose} for every closed bar, then {@link #calibrate} for the forecast made at that bar.
 * Nothing else reaches it, so a decision at t cannot depend on a price after t.
 * <p>
 * Until a horizon has {@link CalibrationConfig#warmup()} resolved outcomes no calibrated forecast is issued at all
 * (the caller stands aside): trading on the raw quantiles would be exactly what calibration is there to prevent,
 * and a point forecaster has no interval to trade on before it has a margin. The calibrated σ is the raw σ scaled
 * by the same factor as the interval width (for a point forecast, the σ of a normal with that 90% interval;
 * {@link IntervalAdjustment}), so u, strength and sizing move with the interval that sets the stop.
 */
public final class OnlineCalibrator {
    private final CalibrationConfig cfg;
    private final ConformalCalibrator conformal;
    private final List<Pending> pending = new ArrayList<>();
    private final Map<Horizon, long[]> coverage = new TreeMap<>();
    private long withheld;

    public OnlineCalibrator(CalibrationConfig cfg) {
        this.cfg = cfg;
        this.conformal = switch (cfg.mode()) {
            case ACI -> new ConformalCalibrator(ConformalCalibrator.Mode.ADAPTIVE, cfg.alpha(), cfg.gamma(), cfg.window());
            case SPLIT -> new ConformalCalibrator(ConformalCalibrator.Mode.SPLIT, cfg.alpha(), 0, cfg.warmup());
            case NONE -> null;
        };
    }

    public CalibrationConfig config() {
        return cfg;
    }

    /** Whether forecasts are changed at all (not {@link CalibrationMode#NONE}). */
    public boolean active() {
        return conformal != null;
    }

    /**
     * The bar labelled {@code barTs} has closed at {@code close}: forecasts targeting it are resolved. Those whose
     * target bar never came (it fell in a session gap) are dropped unscored, as the walk-forward evaluation does.
     */
    public void onBarClose(long barTs, double close) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.targetTime() <= barTs) {
                it.remove();
                if (p.targetTime() == barTs) {
                    resolve(p, close);
                }
            }
        }
    }

    /**
     * The calibrated forecast, or empty while any of its horizons is still warming up. Either way the raw forecast
     * is remembered until its outcomes arrive.
     */
    public Optional<Forecast> calibrate(Forecast raw) {
        Forecast issued = !active() ? raw : warm(raw) ? conformal.adjust(raw) : null;
        for (int k = 0; k < raw.horizons().size(); k++) {
            pending.add(Pending.of(raw.horizons().get(k), issued == null ? null : issued.horizons().get(k)));
        }
        if (issued == null) {
            withheld++;
        }
        return Optional.ofNullable(issued);
    }

    private boolean warm(Forecast raw) {
        return raw.horizons().stream().allMatch(h -> conformal.scoreCount(h.horizon()) >= cfg.warmup());
    }

    private void resolve(Pending p, double actual) {
        HorizonForecast raw = p.raw();
        if (conformal != null) {
            if (conformal.scoreCount(raw.horizon()) < cfg.warmup()) {
                conformal.calibrate(raw, actual);
            } else if (p.issued()) {
                // The level moves only on outcomes of intervals that were actually issued.
                conformal.observe(raw, actual, p.issuedForecast());
            } else if (cfg.mode() == CalibrationMode.ACI) {
                conformal.calibrate(raw, actual);
            }
        }
        if (p.issued()) {
            long[] c = coverage.computeIfAbsent(raw.horizon(), h -> new long[3]);
            c[0]++;
            c[1] += actual >= p.issuedQ05() && actual <= p.issuedQ95() ? 1 : 0;
            c[2] += actual >= p.q05() && actual <= p.q95() ? 1 : 0;
        }
    }

    /** The current ACI level α_t of a horizon (α itself before any update, and always in split mode). */
    public double level(Horizon h) {
        return conformal == null ? cfg.alpha() : conformal.level(h);
    }

    /**
     * A forecast horizon waiting for its outcome, reduced to what calibration reads (the three quantiles, mean and
     * σ) and the interval issued from it, if one was.
     */
    public record Pending(int horizonMinutes, long targetTime, double mean, double std, double q05, double q50,
                          double q95, boolean issued, double issuedQ05, double issuedQ95) {
        static Pending of(HorizonForecast raw, HorizonForecast issued) {
            return new Pending(raw.horizon().minutes(), raw.targetTime(), raw.mean(), raw.std(), raw.q05(), raw.q50(),
                    raw.q95(), issued != null, issued == null ? raw.q05() : issued.q05(),
                    issued == null ? raw.q95() : issued.q95());
        }

        HorizonForecast raw() {
            return forecast(q05, q95);
        }

        HorizonForecast issuedForecast() {
            return forecast(issuedQ05, issuedQ95);
        }

        private HorizonForecast forecast(double lo, double hi) {
            TreeMap<Double, Double> q = new TreeMap<>();
            q.put(0.05, lo);
            q.put(0.5, q50);
            q.put(0.95, hi);
            return new HorizonForecast(new Horizon(horizonMinutes), targetTime, mean, std, q, null);
        }
    }

    /**
     * What a resumed process needs to continue exactly: the scores and levels learnt so far and the forecasts
     * still waiting for their outcome. The figures of {@link #summary()} belong to one process and are not kept.
     */
    public record State(ConformalCalibrator.State conformal, List<Pending> pending) {
        public State {
            pending = List.copyOf(pending);
        }
    }

    public State state() {
        return new State(conformal == null ? null : conformal.state(), pending);
    }

    /** Continues from a state saved by a calibrator of the same settings. */
    public void restore(State s) {
        pending.clear();
        pending.addAll(s.pending());
        if (conformal != null && s.conformal() != null) {
            conformal.restore(s.conformal());
        }
    }

    /**
     * Per horizon: how many issued intervals have resolved, and the share the calibrated and the raw [q05, q95]
     * covered.
     */
    public record Coverage(long resolved, double calibrated, double raw) {
    }

    /** The settings, the forecasts withheld during the warm-up, the coverage so far and the ACI levels. */
    public record Summary(CalibrationConfig config, long withheld, Map<Horizon, Coverage> coverage,
                          Map<Horizon, Double> levels) {
    }

    public Summary summary() {
        Map<Horizon, Coverage> cov = new TreeMap<>();
        Map<Horizon, Double> lv = new TreeMap<>();
        coverage.forEach((h, c) -> {
            cov.put(h, new Coverage(c[0], (double) c[1] / c[0], (double) c[2] / c[0]));
            lv.put(h, level(h));
        });
        return new Summary(cfg, withheld, cov, lv);
    }
}
