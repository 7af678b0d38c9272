package com.forexdiffusion.trading.optimisation;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.trading.engine.ForecastCache;
import com.forexdiffusion.trading.engine.StrategyConfig;
import com.forexdiffusion.trading.optimisation.objective.BacktestObjective;
import com.forexdiffusion.trading.optimisation.objective.StrategyParams;
import com.forexdiffusion.trading.optimisation.sampler.SamplerBenchmark;
import com.forexdiffusion.trading.optimisation.sampler.Samplers;
import com.forexdiffusion.trading.optimisation.sampler.TestFunctions;
import com.forexdiffusion.trading.optimisation.space.SearchSpace;
import com.forexdiffusion.trading.optimisation.space.SearchSpaceFile;
import com.forexdiffusion.trading.optimisation.study.StudyDefinition;
import com.forexdiffusion.trading.optimisation.study.StudyRunner;
import com.forexdiffusion.trading.optimisation.study.StudyStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `fxd bench optimize`: the samplers' median simple regret over 20 seeds at 50 evaluations on Branin and Hartmann-6,
 * and trials per second of the backtest objective on one year of synthetic M5 bars with every forecast cached
 * (DLinear, 4 walk-forward folds), with 1 and 2 workers.
 */
public final class OptimisationBenchmark {
    public static final int SEEDS = 20;
    public static final int EVALS = 50;

    private OptimisationBenchmark() {
    }

    public record Result(Map<String, Double> braninRegret50, Map<String, Double> hartmann6Regret50,
                         double trialsPerS1, double trialsPerS2, int bars, int trials) {
    }

    public static Map<String, Double> regret(TestFunctions.Problem p) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String s : Samplers.NAMES) {
            m.put(s, SamplerBenchmark.medianRegret(p, Samplers.byName(s), new int[]{EVALS}, SEEDS)[0]);
        }
        return m;
    }

    public static Result run(Path workDir, int trials, ProgressListener progress) {
        return run(workDir, trials, progress, regret(TestFunctions.branin()), regret(TestFunctions.hartmann6()));
    }

    private static Result run(Path workDir, int trials, ProgressListener progress, Map<String, Double> branin,
                              Map<String, Double> hartmann) {
        BarSeries m5 = Resampler.resample(new SyntheticGenerator(SyntheticConfig.defaults(1))
                .generate("EURUSD", Instant.parse("2023-01-02T00:00:00Z").toEpochMilli(), 365), Timeframe.M5);
        List<Horizon> hs = List.of(new Horizon(15), new Horizon(60));
        StrategyConfig d = StrategyConfig.defaults();
        StrategyConfig base = new StrategyConfig(hs, 30, 1, 500, d.minStrength(), d.topN(), d.sizing(), d.risk(),
                d.volumeWindow(), d.calibration());
        // One forecast setting, so every trial replays the same cached forecasts.
        SearchSpace space = new SearchSpace(StrategyParams.defaultSpace(hs).params().stream()
                .filter(p -> !p.name().equals("samples")).toList());
        double[] rate = new double[2];
        try (Database db = Database.open("sqlite:" + workDir.resolve("bench-optimise.db"));
             BacktestObjective o = BacktestObjective.builder().bars(m5, 2000, m5.size()).folds(4).trainBars(2000)
                     .forecaster(ForecasterFactory.dlinear(hs)).strategy(base).cache(new ForecastCache(db))
                     .workDir(workDir).build()) {
            o.warm(List.of(base.samples()), progress);
            for (int w = 1; w <= 2; w++) {
                StudyRunner runner = StudyRunner.builder().store(new StudyStore(db, "bench"))
                        .definition(new StudyDefinition("bench-w" + w, "random", 1, w, SearchSpaceFile.toJson(space),
                                "{}")).space(space).sampler(Samplers.byName("random")).objective(o).trials(trials)
                        .build();
                long t0 = System.nanoTime();
                runner.run();
                rate[w - 1] = trials / ((System.nanoTime() - t0) / 1e9);
            }
        }
        return new Result(branin, hartmann, rate[0], rate[1], m5.size(), trials);
    }

}
