package com.forexdiffusion.app.optimize;

import com.forexdiffusion.app.CalibrationOption;
import com.forexdiffusion.app.CodeVersion;
import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.app.data.TimeframeConverter;
import com.forexdiffusion.cluster.SparkCluster;
import com.forexdiffusion.cluster.SparkTrialExecutor;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.trading.engine.StrategyConfig;
import com.forexdiffusion.trading.optimisation.OptimisationStudy;
import com.forexdiffusion.trading.optimisation.objective.BacktestObjective;
import com.forexdiffusion.trading.optimisation.objective.ObjectiveWeights;
import com.forexdiffusion.trading.optimisation.objective.StrategyParams;
import com.forexdiffusion.trading.optimisation.sampler.Samplers;
import com.forexdiffusion.trading.optimisation.space.SearchSpace;
import com.forexdiffusion.trading.optimisation.space.SearchSpaceFile;
import com.forexdiffusion.trading.optimisation.study.StudyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = {"Bayesian search (TPE or GP-EI, random as control) over the strategy parameters, scored by the",
                "SPEC objective on walk-forward folds of [--from, --holdout-from) from cached forecasts; the best",
                "parameters re-run on [--holdout-from, --to). Trials are stored under --study and resume after a",
                "crash. Writes DIR/study.json and DIR/report.html (held-out check, deflated Sharpe, PBO)."},
        footer = {"%nExamples:",
                "  fxd optimize --study eurusd-m15 --symbol EURUSD --timeframe M15 \\",
                "      --from 2023-03-01 --holdout-from 2023-10-01 --to 2024-01-01 \\",
                "      --trials 30 --out runs/opt-m15"})
public final class OptimizeCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Mixin
    CalibrationOption calibration;

    @Option(names = "--study", required = true, description = "Study name: an existing one is resumed.")
    String study;

    @Option(names = "--symbol", required = true, description = "Instrument, e.g. EURUSD or EUR/USD.")
    String symbol;

    @Option(names = "--timeframe", required = true, converter = TimeframeConverter.class,
            description = "Bar timeframe, e.g. M1, M5, M15, H1, H4, D1 or D1_NY.")
    Timeframe timeframe;

    @Option(names = "--forecaster", defaultValue = "dlinear",
            description = "rw-ewma, rw-garch, dlinear or ldm4ts:DIR (default: ${DEFAULT-VALUE}).")
    String forecaster;

    @Option(names = "--from", required = true, description = "First decision bar of the optimisation period (UTC).")
    String from;

    @Option(names = "--to", required = true, description = "End of the held-out period, exclusive (UTC).")
    String to;

    @Option(names = "--holdout-from", required = true, description = "Start of the held-out period no trial sees.")
    String holdoutFrom;

    @Option(names = "--trials", defaultValue = "50",
            description = "Trials in the study, counting resumed ones (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--sampler", defaultValue = "tpe", description = "tpe, gp or random (default: ${DEFAULT-VALUE}).")
    String sampler;

    @Option(names = "--workers", description = "Trials run in parallel (fixed for a study; default: 1, or the "
            + "cluster's task slots with --cluster).")
    Integer workers;

    @Option(names = "--cluster", paramLabel = "URL", description = "Run the trials on Apache Spark: spark://HOST:PORT "
            + "or local[N]. Executors read the forecasts this command puts in the forecast cache, so --db must be a "
            + "database they reach (PostgreSQL, or a shared SQLite file).")
    String cluster;

    @Option(names = "--config", paramLabel = "FILE.json", description = "Strategy settings every trial starts "
            + "from (the keys of fxd backtest --config: quality, regimes, skill_gate...).")
    Path configFile;

    @Option(names = "--space", paramLabel = "FILE", description = "Search space (JSON or YAML); default: SPEC §8's.")
    Path spaceFile;

    @Option(names = "--folds", defaultValue = "4",
            description = "Walk-forward folds of the optimisation period (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--train-bars", defaultValue = "5000",
            description = "Bars before each fold that fit its models (default: ${DEFAULT-VALUE}).")
    int trainBars;

    @Option(names = "--horizons", defaultValue = Horizon.DEFAULT_LIST,
            description = "Minutes, comma-separated (default: ${DEFAULT-VALUE}).")
    String horizons;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the sampler and every backtest (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--deposit", defaultValue = "100000", description = "Starting balance of each trial's paper "
            + "account, in USD (default: ${DEFAULT-VALUE}).")
    double deposit;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for study.json and "
            + "report.html.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Samplers.byName(sampler);
        if (cluster != null) {
            SparkCluster.check("cluster", cluster);
        }
        String sym = Instrument.normalise(symbol);
        long fromMs = TimeArg.parse("--from", from);
        long holdMs = TimeArg.parse("--holdout-from", holdoutFrom);
        long toMs = TimeArg.parse("--to", to);
        if (!(fromMs < holdMs && holdMs < toMs)) {
            throw BadInputException.ofField("holdout-from", "must lie after --from and before --to");
        }
        String configJson = configFile == null ? null : readConfig(configFile);
        String configSource = configFile == null ? null : configFile.toString();
        StrategyConfig base = OptimizeObjectives.strategy(Horizon.parseList(horizons), seed, calibration.config(),
                configSource, configJson);
        List<Horizon> hs = base.horizons();
        hs.forEach(h -> h.bars(timeframe));
        SearchSpaceFile.Contents contents = spaceFile == null
                ? new SearchSpaceFile.Contents(StrategyParams.defaultSpace(hs), Map.of())
                : SearchSpaceFile.read(spaceFile);
        SearchSpace space = contents.space();
        StrategyParams.check(space, hs);
        ObjectiveWeights weights = ObjectiveWeights.withOverrides(contents.objectiveWeights());
        OptimizeObjectives recipe = new OptimizeObjectives(db.url, sym, timeframe, forecaster,
                hs.stream().map(Horizon::minutes).toList(), fromMs, holdMs, toMs, folds, trainBars, seed, deposit,
                base.calibration().mode().label(), configSource, configJson, weights.asMap(),
                StrategyParams.samplesValues(space, base));
        Files.createDirectories(out);
        try (Database d = db.openExisting(); OptimizeObjectives.Opened o = open(recipe);
             SparkCluster c = cluster == null ? null : SparkCluster.connect("cluster", cluster, "fxd optimize " + study);
             SparkTrialExecutor remote = c == null ? null : new SparkTrialExecutor(c, recipe)) {
            int batch = workers != null ? workers : c != null ? c.parallelism() : 1;
            Map<String, Object> config = config(sym, hs, o.inSample, o.heldOut, weights, base, configJson);
            OptimisationStudy.Result r;
            try (ConsoleProgress p = new ConsoleProgress("optimize " + study, "trials")) {
                r = OptimisationStudy.builder().store(new StudyStore(d, CodeVersion.current())).name(study)
                        .sampler(sampler).seed(seed).workers(batch).trials(trials).space(space)
                        .objectives(o.inSample, o.heldOut).executor(remote).config(config).out(out)
                        .listener((t, best, done, total) -> {
                            p.update(done, total);
                            p.message(String.format(java.util.Locale.ROOT, " best %.4f", best));
                        }).build().run();
            }
            print(r);
        }
        return 0;
    }

    /** The objectives, with every forecast a trial may ask for made (or read) before the first trial. */
    private static OptimizeObjectives.Opened open(OptimizeObjectives recipe) {
        try (ConsoleProgress p = new ConsoleProgress("forecasts", "bars")) {
            return recipe.open(p);
        }
    }

    private static String readConfig(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw BadInputException.ofSource(file.toString(), "cannot read the config: " + e.getMessage());
        }
    }

    private Map<String, Object> config(String sym, List<Horizon> hs, BacktestObjective in, BacktestObjective held,
                                       ObjectiveWeights weights, StrategyConfig base, String configJson) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("symbol", sym);
        c.put("timeframe", timeframe.name());
        c.put("forecaster", forecaster);
        c.put("fold_models", in.folds().stream().map(f -> f.forecaster().name() + ":" + f.forecaster().version())
                .toList());
        c.put("from", TimeArg.format(in.firstTime()));
        c.put("holdout_from", TimeArg.format(held.firstTime()));
        c.put("to", TimeArg.format(held.lastTime()));
        c.put("folds", folds);
        c.put("train_bars", trainBars);
        c.put("horizons", hs.stream().map(Horizon::minutes).toList());
        c.put("calibration", base.calibration().mode().label());
        c.put("deposit", deposit);
        c.put("weights", weights.asMap());
        if (configJson != null) {
            c.put("strategy_config", StudyStore.read(configJson));
        }
        c.put("code_version", CodeVersion.current());
        return c;
    }

    private void print(OptimisationStudy.Result r) {
        PrintWriter o = spec.commandLine().getOut();
        o.printf(java.util.Locale.ROOT, "study %s: %d trials, best #%d objective %.4f, held-out %.4f%n", study,
                r.trials().size(), r.best().number(), r.best().objective(), r.holdoutObjective());
        o.printf(java.util.Locale.ROOT, "deflated Sharpe %.3f, PBO %s%n", r.deflatedSharpe().deflatedSharpe(),
                r.pbo() == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.3f", r.pbo().pbo()));
        o.println("best parameters: " + r.best().params());
        o.println("report: " + out.resolve("report.html"));
        o.flush();
    }
}
