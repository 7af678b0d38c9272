package com.forexdiffusion.app.optimize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.app.forecast.ForecasterSpecs;
import com.forexdiffusion.cluster.ObjectiveRecipe;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.forecast.conformal.CalibrationMode;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import com.forexdiffusion.trading.broker.Spreads;
import com.forexdiffusion.trading.engine.ForecastCache;
import com.forexdiffusion.trading.engine.StrategyConfig;
import com.forexdiffusion.trading.engine.StrategyConfigFile;
import com.forexdiffusion.trading.optimisation.objective.BacktestObjective;
import com.forexdiffusion.trading.optimisation.objective.ObjectiveWeights;
import com.forexdiffusion.trading.optimisation.study.TrialOutcome;
import ai.djl.Device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Everything `fxd optimize` needs to build its objectives, as plain values: the driver opens it once, and each
 * cluster executor opens it again from its serialised form (reading the forecasts the driver put in the cache), so
 * both score trials on the same objective.
 */
record OptimizeObjectives(String db, String symbol, Timeframe timeframe, String forecaster, List<Integer> horizons,
                          long fromMs, long holdoutMs, long toMs, int folds, int trainBars, long seed, double deposit,
                          String calibration, String configSource, String configJson, Map<String, Double> weights,
                          List<Integer> samplesValues) implements ObjectiveRecipe {
    OptimizeObjectives {
        horizons = List.copyOf(horizons);
        weights = Map.copyOf(weights);
        samplesValues = List.copyOf(samplesValues);
    }

    /** Every component, the database URL without its password (two URLs that differ only there name one database). */
    @Override
    public String key() {
        return toString();
    }

    /** Without the database password: Spark prints a task's string form when it cannot serialise it. */
    @Override
    public String toString() {
        return "OptimizeObjectives[" + Database.masked(db) + ", " + symbol + ", " + timeframe + ", " + forecaster + ", "
                + horizons + ", " + fromMs + ", " + holdoutMs + ", " + toMs + ", " + folds + ", " + trainBars + ", "
                + seed + ", " + deposit + ", " + calibration + ", " + configSource + ", " + configJson + ", " + weights
                + ", " + samplesValues + "]";
    }

    /** The strategy every trial starts from: the command line's, then the --config file's keys over it. */
    static StrategyConfig strategy(List<Horizon> hs, long seed, CalibrationConfig calibration, String configSource,
                                   String configJson) {
        StrategyConfig d0 = StrategyConfig.defaults();
        StrategyConfig cli = new StrategyConfig(hs, d0.samples(), seed, d0.lookback(), d0.minStrength(), d0.topN(),
                d0.sizing(), d0.risk(), d0.volumeWindow(), calibration);
        if (configJson == null) {
            return cli;
        }
        try {
            return StrategyConfigFile.parse(new ObjectMapper().readTree(configJson), configSource, cli);
        } catch (IOException e) {
            throw BadInputException.ofSource(configSource, "the config is not valid JSON: " + e.getMessage());
        }
    }

    StrategyConfig strategy() {
        return strategy(horizons.stream().map(Horizon::ofMinutes).toList(), seed,
                CalibrationConfig.defaults().withMode(CalibrationMode.parse("calibration", calibration)),
                configSource, configJson);
    }

    /** The in-sample and held-out objectives with what they hold open (models, database, scratch files). */
    static final class Opened implements ObjectiveRecipe.Opened {
        final BacktestObjective inSample;
        final BacktestObjective heldOut;
        private final ModelRegistry registry;
        private final Database database;
        private final Path work;

        private Opened(BacktestObjective inSample, BacktestObjective heldOut, ModelRegistry registry,
                       Database database, Path work) {
            this.inSample = inSample;
            this.heldOut = heldOut;
            this.registry = registry;
            this.database = database;
            this.work = work;
        }

        @Override
        public TrialOutcome evaluate(Map<String, Object> params) {
            return inSample.evaluate(params);
        }

        @Override
        public void close() {
            try (registry; database) {
                inSample.close();
                heldOut.close();
            } finally {
                delete(work);
            }
        }
    }

    /** Opens both objectives, making (or reading) every forecast a trial may ask for before returning. */
    Opened open(ProgressListener progress) {
        Path work = scratch();
        ModelRegistry registry = new ModelRegistry(Device.cpu());
        Database d = null;
        try {
            d = Database.openExisting(db);
            ForecasterFactory factory = ForecasterSpecs.factory(forecaster,
                    horizons.stream().map(Horizon::ofMinutes).toList(), registry);
            BarSeries all = d.candles().read(symbol, timeframe, Long.MIN_VALUE, toMs);
            int start = all.lowerBound(fromMs);
            int hold = all.lowerBound(holdoutMs);
            ForecastCache cache = new ForecastCache(d);
            StrategyConfig base = strategy();
            ObjectiveWeights w = ObjectiveWeights.withOverrides(weights);
            Spreads spreads = Spreads.stored(d.candles(), timeframe);
            BacktestObjective in = objective(all, start, hold, folds, factory, base, w, cache, spreads, work);
            BacktestObjective held = objective(all, hold, all.size(), 1, factory, base, w, cache, spreads, work);
            in.warm(samplesValues, progress);
            return new Opened(in, held, registry, d, work);
        } catch (RuntimeException e) {
            try (registry; Database ignored = d) {
                delete(work);
            }
            throw e;
        }
    }

    @Override
    public Opened open() {
        return open(ProgressListener.NONE);
    }

    private BacktestObjective objective(BarSeries all, int from, int to, int nFolds, ForecasterFactory factory,
                                        StrategyConfig base, ObjectiveWeights w, ForecastCache cache, Spreads spreads,
                                        Path work) {
        if (from < trainBars || to - from < 2) {
            throw BadInputException.ofField(from < trainBars ? "train-bars" : "to", "need " + trainBars + " "
                    + symbol + " " + timeframe + " bars before each period and bars in it; the period starting at bar "
                    + from + " has " + Math.max(0, to - from) + " bars and " + from + " before it");
        }
        return BacktestObjective.builder().bars(all, from, to).folds(nFolds).trainBars(trainBars).forecaster(factory)
                .strategy(base).weights(w).cache(cache).spreads(spreads).deposit(deposit).workDir(work).build();
    }

    private static Path scratch() {
        try {
            return Files.createTempDirectory("fxd-trials-");
        } catch (IOException e) {
            throw new FxdException("cannot create a scratch directory for the trials' paper accounts: " + e, e);
        }
    }

    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
