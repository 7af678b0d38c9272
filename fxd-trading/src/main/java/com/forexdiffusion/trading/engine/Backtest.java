package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.conformal.OnlineCalibrator;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.trading.broker.fill.SimulatedBroker;
import com.forexdiffusion.trading.regime.RegimeDetector;
import com.forexdiffusion.trading.report.PerformanceMetrics;
import com.forexdiffusion.trading.skill.SkillGate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A backtest: the engine fed with stored bars in time order, decisions at each bar close from {@code start} on.
 * Forecasts are computed in batches beforehand (each from its own window ending at its bar, so precomputing reads
 * nothing a live run would not have had) and cached by bar index. The engine calibrates them as it reaches each bar;
 * with walk-forward folds one calibrator runs through all of them, so a refit does not restart the warm-up.
 */
public final class Backtest {
    static final int BATCH = 256;

    private Backtest() {
    }

    /**
     * Trades, equity at the close of each New York trading day, and the figures; {@code forecasts} were used,
     * {@code cachedForecasts} of them came from the forecast cache (raw forecasts: calibration comes after).
     *
     * @param orders      every order the engine sent, with its calibrated stop and size
     * @param calibration the calibration setting, the intervals' coverage and the forecasts withheld in the warm-up
     * @param uncertainty the distribution of u and what the uncertainty penalty and sizing changed
     * @param skillGate   by symbol: the skill gate's setting, its verdict at the end and what it stood aside on
     */
    public record Result(List<TradeRecord> trades, List<LocalDate> days, double[] dailyEquity,
                         PerformanceMetrics metrics, long forecasts, long startTime, long endTime,
                         long cachedForecasts, List<OrderDecision> orders, OnlineCalibrator.Summary calibration,
                         UncertaintyEffects.Summary uncertainty, Map<String, SkillGate.Summary> skillGate) {
        public Result {
            skillGate = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(skillGate));
        }
    }

    /**
     * Decision bars [from, to) forecast by one fitted forecaster: walk-forward mode refits per fold on bars before
     * {@code from} only.
     */
    public record Fold(int from, int to, Forecaster forecaster) {
        public Fold {
            if (from >= to) {
                throw new IllegalArgumentException("empty fold [" + from + ", " + to + ")");
            }
        }
    }

    /**
     * Walk-forward folds: decision bars from {@code start} on, cut every {@code foldBars} bars, each forecast by a
     * model the factory fits on the {@code trainBars} bars just before the fold (nothing from the fold or later).
     */
    public static List<Fold> walkForward(BarSeries bars, int start, int foldBars, int trainBars,
                                         ForecasterFactory factory) {
        if (foldBars < 1 || trainBars < 1) {
            throw BadInputException.ofField(foldBars < 1 ? "refit-every" : "train-bars", "must be at least 1 bar");
        }
        if (start < trainBars) {
            throw BadInputException.ofField("train-bars", "the first fold needs " + trainBars + " bars before it, "
                    + "there are " + start);
        }
        List<Fold> folds = new ArrayList<>();
        for (int from = start; from < bars.size(); from += foldBars) {
            folds.add(new Fold(from, Math.min(bars.size(), from + foldBars),
                    factory.fit(bars.slice(from - trainBars, from))));
        }
        return folds;
    }

    /**
     * A piece of one symbol's forecasts that a task may make anywhere and put in the forecast cache: decision bars
     * [from, to) of the fold that starts at {@code foldFrom}, whose model is fitted on the bars just before it.
     */
    public record ForecastJob(String symbol, int foldFrom, int from, int to) implements java.io.Serializable {
    }

    /**
     * The folds' decision bars (from the lookback on) cut into pieces of at most {@code pieceBars}: one fold's forecasts
     * are independent of each other, so the pieces may run at once.
     */
    public static List<ForecastJob> forecastJobs(String symbol, List<Fold> folds, int lookback, int pieceBars) {
        if (pieceBars < 1) {
            throw new IllegalArgumentException("pieces of " + pieceBars + " bars");
        }
        List<ForecastJob> jobs = new ArrayList<>();
        for (Fold fold : folds) {
            for (int i = Math.max(fold.from(), lookback); i < fold.to(); i += pieceBars) {
                jobs.add(new ForecastJob(symbol, fold.from(), i, Math.min(fold.to(), i + pieceBars)));
            }
        }
        return jobs;
    }

    /**
     * Makes the job's forecasts that the cache does not hold yet, with the model fitted as {@link #walkForward} fits
     * it, and stores them; the number made.
     */
    public static long make(BarSeries bars, ForecastJob job, ForecasterFactory factory, int trainBars,
                            StrategyConfig cfg, ForecastCache cache) {
        Forecaster f = factory.fit(bars.slice(job.foldFrom() - trainBars, job.foldFrom()));
        long[] hits = new long[1];
        Map<Integer, Forecast> got = forecasts(bars, List.of(new Fold(job.from(), job.to(), f)), cfg, cache, hits,
                ProgressListener.NONE);
        return got.size() - hits[0];
    }

    public static Result run(BarSeries bars, int start, Forecaster forecaster, StrategyConfig cfg, SimulatedBroker broker,
                             InstrumentCatalog instruments, RegimeDetector.Estimate[] regimes,
                             ProgressListener progress) {
        return run(bars, List.of(new Fold(start, bars.size(), forecaster)), cfg, broker, instruments, regimes, null,
                progress);
    }

    /**
     * The folds must be contiguous and cover the decision bars to the end of {@code bars}. With a cache, forecasts
     * already stored for a fold's model version are read instead of computed, and new ones are stored.
     */
    public static Result run(BarSeries bars, List<Fold> folds, StrategyConfig cfg, SimulatedBroker broker,
                             InstrumentCatalog instruments, RegimeDetector.Estimate[] regimes, ForecastCache store,
                             ProgressListener progress) {
        int start = folds.get(0).from();
        for (int k = 1; k < folds.size(); k++) {
            if (folds.get(k).from() != folds.get(k - 1).to()) {
                throw new IllegalArgumentException("folds are not contiguous at " + folds.get(k).from());
            }
        }
        int n = bars.size();
        if (folds.get(folds.size() - 1).to() != n) {
            throw new IllegalArgumentException("the folds end at " + folds.get(folds.size() - 1).to() + ", the bars at " + n);
        }
        long total = (long) (n - Math.max(start, cfg.lookback())) * 2;
        long[] hits = new long[1];
        Map<Integer, Forecast> cache = forecasts(bars, folds, cfg, store, hits, (d, t) -> progress.update(d, total));
        Result r = replay(bars, folds.get(0).forecaster(), cache::get, start, cfg, broker, instruments, regimes,
                SignalTuning.defaults(), hits[0], (d, t) -> progress.update(Math.min(total, total / 2 + d), total));
        // Forecasts "used" counts every decision bar asked for, also those where none could be made.
        return new Result(r.trades(), r.days(), r.dailyEquity(), r.metrics(), cache.size(), r.startTime(), r.endTime(),
                r.cachedForecasts(), r.orders(), r.calibration(), r.uncertainty(), r.skillGate());
    }

    /**
     * The raw forecasts of the folds' decision bars by bar index, read from the cache where stored and computed (and
     * stored) where not; {@code hits[0]} counts those read. Bars before the lookback get none.
     */
    public static Map<Integer, Forecast> forecasts(BarSeries bars, List<Fold> folds, StrategyConfig cfg,
                                                   ForecastCache store, long[] hits, ProgressListener progress) {
        int start = folds.get(0).from();
        int n = bars.size();
        Map<Integer, Forecast> cache = new HashMap<>();
        String key = ForecastCache.requestKey(cfg);
        long total = n - Math.max(start, cfg.lookback());
        long done = 0;
        for (Fold fold : folds) {
            Forecaster forecaster = fold.forecaster();
            for (int i = Math.max(fold.from(), cfg.lookback()); i < fold.to(); i += BATCH) {
                List<ForecastRequest> reqs = new ArrayList<>();
                int to = Math.min(fold.to(), i + BATCH);
                for (int k = i; k < to; k++) {
                    reqs.add(ForecastEngine.request(bars, k, cfg));
                }
                Forecast[] got = store == null ? new Forecast[reqs.size()]
                        : store.read(forecaster.name(), forecaster.version(), key, reqs);
                List<ForecastRequest> missing = new ArrayList<>();
                for (int k = 0; k < got.length; k++) {
                    if (got[k] == null) {
                        missing.add(reqs.get(k));
                    } else {
                        hits[0]++;
                    }
                }
                List<Forecast> made = missing.isEmpty() ? List.of() : forecaster.forecastBatch(missing);
                if (store != null) {
                    store.write(key, missing, made);
                }
                for (int k = 0, m = 0; k < got.length; k++) {
                    cache.put(i + k, got[k] != null ? got[k] : made.get(m++));
                }
                done += to - i;
                progress.update(done, total);
            }
        }
        return cache;
    }

    /**
     * The engine over decision bars [start, bars.size()) with forecasts already made (by bar index): the trading half
     * of a backtest, which is all an optimisation trial runs.
     */
    public static Result replay(BarSeries bars, Forecaster forecaster, java.util.function.Function<Integer, Forecast> cache,
                                int start, StrategyConfig cfg, SimulatedBroker broker, InstrumentCatalog instruments,
                                RegimeDetector.Estimate[] regimes, SignalTuning tuning, long cachedForecasts,
                                ProgressListener progress) {
        int n = bars.size();
        long total = n - start;
        long done = 0;
        long forecastCount = 0;
        for (int i = Math.max(start, cfg.lookback()); i < n; i++) {
            if (cache.apply(i) != null) {
                forecastCount++;
            }
        }
        ForecastEngine engine = new ForecastEngine(bars, forecaster, cache, broker, cfg, instruments, regimes, tuning);
        List<LocalDate> days = new ArrayList<>();
        List<Double> equity = new ArrayList<>();
        // The first point is the equity before any decision, dated the trading day before the first bar's.
        days.add(FxMarketHours.tradingDate(bars.ts(start)).minusDays(1));
        equity.add(broker.equity());
        days.add(FxMarketHours.tradingDate(bars.ts(start)));
        equity.add(broker.equity());
        double[] barEquity = new double[n - start + 1];
        barEquity[0] = broker.equity();
        for (int i = start; i < n; i++) {
            EngineEvent.BarClosed e = new EngineEvent.BarClosed(bars.symbol(), bars.timeframe(), bars.bar(i), i);
            engine.on(e);
            double eqNow = broker.equity();
            barEquity[i - start + 1] = eqNow;
            LocalDate d = FxMarketHours.tradingDate(e.time());
            if (!d.equals(days.get(days.size() - 1))) {
                days.add(d);
                equity.add(eqNow);
            } else {
                equity.set(equity.size() - 1, eqNow);
            }
            if (++done % 1000 == 0) {
                progress.update(done, total);
            }
        }
        progress.update(total, total);
        double[] eq = equity.stream().mapToDouble(Double::doubleValue).toArray();
        List<TradeRecord> trades = engine.trades();
        double calendarDays = (bars.ts(n - 1) - bars.ts(start)) / 86_400_000.0;
        PerformanceMetrics m = eq.length >= 2
                ? PerformanceMetrics.of(eq, calendarDays, trades.stream().map(TradeRecord::netPnl).toList())
                .withBarDrawdown(barEquity, barEquity.length)
                : null;
        return new Result(trades, List.copyOf(days), eq, m, forecastCount, bars.ts(start),
                bars.timeframe().next(bars.ts(n - 1)), cachedForecasts, engine.orders(), engine.calibration(),
                engine.uncertainty(), Map.of(bars.symbol(), engine.skillGate()));
    }
}
