package com.forexdiffusion.app.backtest;

import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.app.forecast.ForecasterSpecs;
import com.forexdiffusion.cluster.SparkTaskPool;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.core.parallel.Task;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import com.forexdiffusion.trading.engine.Backtest;
import com.forexdiffusion.trading.engine.ForecastCache;
import com.forexdiffusion.trading.engine.StrategyConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * The forecasts of `fxd backtest --cluster` as tasks: each piece of a fold reads its symbol's bars, fits the model on
 * the bars before the fold and puts its forecasts in the forecast cache, where the engine on the driver then finds
 * every one. Only the request setting travels (horizons, samples, seed, lookback): it alone shapes a forecast.
 */
record BacktestForecasts(String db, Timeframe timeframe, long toMs, String forecaster, List<Integer> horizons,
                         int samples, long seed, int lookback, int trainBars) implements Task<Backtest.ForecastJob, Long> {
    BacktestForecasts {
        horizons = List.copyOf(horizons);
    }

    static BacktestForecasts of(String db, Timeframe timeframe, long toMs, String forecaster, int trainBars,
                                StrategyConfig cfg) {
        return new BacktestForecasts(db, timeframe, toMs, forecaster, cfg.horizons().stream().map(Horizon::minutes)
                .toList(), cfg.samples(), cfg.seed(), cfg.lookback(), trainBars);
    }

    /**
     * Every symbol's folds made on the cluster at {@code url}, in pieces of about four per task slot, and stored in
     * the forecast cache; the number of forecasts made (the others were cached already).
     */
    long makeOn(String url, Map<String, List<Backtest.Fold>> foldsBySymbol) {
        long decisionBars = foldsBySymbol.values().stream()
                .mapToLong(fs -> fs.get(fs.size() - 1).to() - fs.get(0).from()).sum();
        try (SparkTaskPool pool = SparkTaskPool.connect("cluster", url, "fxd backtest");
             ConsoleProgress p = new ConsoleProgress("forecasts on " + url, "tasks")) {
            int piece = pieceBars(decisionBars, pool.parallelism());
            List<Backtest.ForecastJob> jobs = new ArrayList<>();
            foldsBySymbol.forEach((s, fs) -> jobs.addAll(Backtest.forecastJobs(s, fs, lookback, piece)));
            return pool.map(jobs, this, p).stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Decision bars per piece: about four pieces per task slot, and no piece under 500 bars. */
    static int pieceBars(long decisionBars, int parallelism) {
        return (int) Math.max(500, (decisionBars + 4L * parallelism - 1) / (4L * parallelism));
    }

    @Override
    public Long apply(Backtest.ForecastJob job) {
        return applyAll(List.of(job)).get(0);
    }

    /** The database opened, the forecaster built and each symbol's bars read once for the whole group. */
    @Override
    public List<Long> applyAll(List<Backtest.ForecastJob> jobs) {
        List<Horizon> hs = horizons.stream().map(Horizon::ofMinutes).toList();
        StrategyConfig d = StrategyConfig.defaults();
        StrategyConfig cfg = new StrategyConfig(hs, samples, seed, lookback, d.minStrength(), d.topN(), d.sizing(),
                d.risk(), d.volumeWindow(), d.calibration());
        try (ModelRegistry registry = new ModelRegistry(Ldm4tsModel.defaultDevice());
             Database database = Database.openExisting(db)) {
            ForecasterFactory factory = ForecasterSpecs.factory(forecaster, hs, registry);
            ForecastCache cache = new ForecastCache(database);
            Map<String, BarSeries> bars = new HashMap<>();
            List<Long> made = new ArrayList<>();
            for (Backtest.ForecastJob job : jobs) {
                BarSeries b = bars.computeIfAbsent(job.symbol(),
                        s -> database.candles().read(s, timeframe, Long.MIN_VALUE, toMs));
                made.add(Backtest.make(b, job, factory, trainBars, cfg, cache));
            }
            return made;
        }
    }

    /** Without the database password: Spark prints a task's string form when it cannot serialise it. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + Database.masked(db) + " " + timeframe + " " + forecaster + "]";
    }
}
