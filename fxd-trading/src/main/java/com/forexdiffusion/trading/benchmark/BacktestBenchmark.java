package com.forexdiffusion.trading.benchmark;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.baseline.RandomWalkForecaster;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.engine.Backtest;
import com.forexdiffusion.trading.engine.EngineEvent;
import com.forexdiffusion.trading.engine.ForecastCache;
import com.forexdiffusion.trading.engine.ForecastEngine;
import com.forexdiffusion.trading.engine.StrategyConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Engine throughput with forecasts already cached (bars per second through the event loop, broker and risk
 * checks included), and the wall time of a whole one-year M5 backtest with the random walk (forecasts computed in
 * batches, then the loop).
 */
public final class BacktestBenchmark {
    private BacktestBenchmark() {
    }

    /**
     * @param barsPerS         the event loop with a trivial forecaster (no forecast, so no decision): feed, broker,
     *                         risk and bookkeeping
     * @param strategyBarsPerS the loop with cached random-walk forecasts and the whole decision pipeline
     */
    /**
     * @param storeFirstS  the whole backtest with the database forecast cache empty (forecasts computed and stored)
     * @param storeRerunS  the same backtest again, every forecast read from the database cache
     */
    public record Result(long bars, double barsPerS, double strategyBarsPerS, double oneYearM5CachedS,
                         double storeFirstS, double storeRerunS) {
    }

    private static double loop(BarSeries m5, RandomWalkForecaster rw, java.util.function.Function<Integer, Forecast> cache,
                               StrategyConfig cfg, Path workDir, String name, int reps) {
        double best = 0;
        for (int rep = 0; rep < reps; rep++) {
            try (Database db = Database.open("sqlite:" + workDir.resolve(name + "-" + rep + ".db"))) {
                PaperBroker broker = PaperBroker.open(db, "bench", BrokerConfig.defaults(), 100_000, m5.ts(0));
                ForecastEngine engine = new ForecastEngine(m5, rw, cache, broker, cfg, InstrumentCatalog.builtIn(),
                        null);
                EngineEvent.BarClosed[] events = new EngineEvent.BarClosed[m5.size()];
                for (int i = 0; i < events.length; i++) {
                    events[i] = new EngineEvent.BarClosed("EURUSD", Timeframe.M5, m5.bar(i), i);
                }
                long t0 = System.nanoTime();
                for (EngineEvent.BarClosed e : events) {
                    engine.on(e);
                }
                best = Math.max(best, events.length / ((System.nanoTime() - t0) / 1e9));
            }
        }
        return best;
    }

    /**
     * A backtest of {@code forecaster} from an empty forecast cache: every forecast computed (in the backtest's
     * batches) and stored, then the whole strategy loop.
     *
     * @param forecasts forecasts made (one per bar after the lookback)
     * @param seconds   wall time of the whole backtest
     */
    public record ModelRun(long bars, long forecasts, double seconds) {
        public double forecastsPerS() {
            return forecasts / seconds;
        }
    }

    /**
     * @param days     trading days of seeded synthetic M1 bars, resampled to M5 (365 for the one-year figure)
     * @param horizons the forecaster's horizons
     */
    public static ModelRun forecasterBacktest(Path workDir, Forecaster forecaster, List<Horizon> horizons, int samples,
                                              int days, ProgressListener progress) {
        try {
            Files.createDirectories(workDir);
            BarSeries m5 = syntheticM5(days);
            StrategyConfig base = StrategyConfig.defaults();
            int lookback = Math.max(forecaster.lookback(), 1);
            StrategyConfig cfg = new StrategyConfig(horizons, samples, 1, lookback, base.minStrength(), base.topN(),
                    base.sizing(), base.risk(), base.volumeWindow(), base.calibration());
            try (Database cacheDb = Database.open("sqlite:" + workDir.resolve("model-cache.db"));
                 Database db = Database.open("sqlite:" + workDir.resolve("model-broker.db"))) {
                PaperBroker broker = PaperBroker.open(db, "bench", BrokerConfig.defaults(), 100_000, m5.ts(0));
                long t0 = System.nanoTime();
                Backtest.Result r = Backtest.run(m5, List.of(new Backtest.Fold(lookback, m5.size(), forecaster)), cfg,
                        broker, InstrumentCatalog.builtIn(), null, new ForecastCache(cacheDb), progress);
                return new ModelRun(m5.size(), r.forecasts(), (System.nanoTime() - t0) / 1e9);
            }
        } catch (IOException e) {
            throw new FxdException("benchmark failed in " + workDir + ": " + e.getMessage(), e);
        }
    }

    /** Seeded synthetic EURUSD M1 bars over {@code days} trading days, resampled to M5: every benchmark's data. */
    private static BarSeries syntheticM5(int days) {
        return Resampler.resample(new SyntheticGenerator(SyntheticConfig.defaults(1))
                .generate("EURUSD", Instant.parse("2023-01-02T00:00:00Z").toEpochMilli(), days), Timeframe.M5);
    }

    public static Result run(Path workDir) {
        try {
            Files.createDirectories(workDir);
            BarSeries m5 = syntheticM5(365);
            StrategyConfig base = StrategyConfig.defaults();
            StrategyConfig cfg = new StrategyConfig(java.util.List.of(new com.forexdiffusion.core.Horizon(15),
                    new com.forexdiffusion.core.Horizon(60)), 10, 1, 200, base.minStrength(), base.topN(),
                    base.sizing(), base.risk(), base.volumeWindow(), base.calibration());
            RandomWalkForecaster rw = RandomWalkForecaster.ewma(200, 0.94);
            Map<Integer, Forecast> cache = new HashMap<>();
            for (int i = cfg.lookback(); i < m5.size(); i++) {
                cache.put(i, rw.forecast(ForecastEngine.request(m5, i, cfg)));
            }
            double trivial = loop(m5, rw, i -> null, cfg, workDir, "trivial", 5);
            double best = loop(m5, rw, cache::get, cfg, workDir, "strategy", 3);
            double wall;
            try (Database db = Database.open("sqlite:" + workDir.resolve("full.db"))) {
                PaperBroker broker = PaperBroker.open(db, "bench", BrokerConfig.defaults(), 100_000, m5.ts(0));
                long t0 = System.nanoTime();
                Backtest.run(m5, cfg.lookback(), rw, cfg, broker, InstrumentCatalog.builtIn(), null, ProgressListener.NONE);
                wall = (System.nanoTime() - t0) / 1e9;
            }
            double[] store = new double[2];
            try (Database cacheDb = Database.open("sqlite:" + workDir.resolve("forecast-cache.db"))) {
                ForecastCache fc = new ForecastCache(cacheDb);
                for (int run = 0; run < 2; run++) {
                    try (Database db = Database.open("sqlite:" + workDir.resolve("store-" + run + ".db"))) {
                        PaperBroker broker = PaperBroker.open(db, "bench", BrokerConfig.defaults(), 100_000, m5.ts(0));
                        long t0 = System.nanoTime();
                        Backtest.run(m5, java.util.List.of(new Backtest.Fold(cfg.lookback(), m5.size(), rw)), cfg,
                                broker, InstrumentCatalog.builtIn(), null, fc, ProgressListener.NONE);
                        store[run] = (System.nanoTime() - t0) / 1e9;
                    }
                }
            }
            return new Result(m5.size(), trivial, best, wall, store[0], store[1]);
        } catch (IOException e) {
            throw new FxdException("benchmark failed in " + workDir + ": " + e.getMessage(), e);
        }
    }
}
