package com.forexdiffusion.trading.optimisation;

import com.forexdiffusion.core.AtomicFile;
import com.forexdiffusion.trading.optimisation.importance.RegressionForest;
import com.forexdiffusion.trading.optimisation.objective.BacktestObjective;
import com.forexdiffusion.trading.optimisation.overfitting.BacktestOverfitting;
import com.forexdiffusion.trading.optimisation.overfitting.DeflatedSharpe;
import com.forexdiffusion.trading.optimisation.sampler.Samplers;
import com.forexdiffusion.trading.optimisation.space.Param;
import com.forexdiffusion.trading.optimisation.space.SearchSpace;
import com.forexdiffusion.trading.optimisation.space.SearchSpaceFile;
import com.forexdiffusion.trading.optimisation.study.StudyDefinition;
import com.forexdiffusion.trading.optimisation.study.StudyRunner;
import com.forexdiffusion.trading.optimisation.study.StudyStore;
import com.forexdiffusion.trading.optimisation.study.TrialExecutor;
import com.forexdiffusion.trading.optimisation.study.TrialRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `fxd optimize` below the command line: runs (or resumes) a study over a backtest objective, then makes overfitting
 * visible: the best parameters re-run on a held-out period no trial saw, the deflated Sharpe ratio of the best trial
 * given the number of trials, the probability of backtest overfitting over the folds, and parameter importance
 * (permutation importance on a random forest of the trials). Writes DIR/study.json and DIR/report.html.
 */
public final class OptimisationStudy {
    private final StudyStore store;
    private final String name;
    private final String sampler;
    private final long seed;
    private final int workers;
    private final int trials;
    private final SearchSpace space;
    private final BacktestObjective objective;
    private final BacktestObjective holdout;
    private final TrialExecutor executor;
    private final Map<String, Object> config;
    private final StudyRunner.Listener listener;
    private final Path out;

    private OptimisationStudy(Builder b) {
        this.store = b.store;
        this.name = b.name;
        this.sampler = b.sampler;
        this.seed = b.seed;
        this.workers = b.workers;
        this.trials = b.trials;
        this.space = b.space;
        this.objective = b.objective;
        this.holdout = b.holdout;
        this.executor = b.executor;
        this.config = b.config;
        this.listener = b.listener;
        this.out = b.out;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What the study found, as written to study.json. */
    public record Result(TrialRecord best, double holdoutObjective, DeflatedSharpe.Result deflatedSharpe,
                         BacktestOverfitting.Result pbo, Map<String, Double> importance, List<TrialRecord> trials,
                         Map<String, Object> json) {
    }

    public Result run() {
        StudyDefinition def = new StudyDefinition(name, sampler, seed, workers, SearchSpaceFile.toJson(space),
                StudyJson.write(config));
        StudyRunner.Builder runner = StudyRunner.builder().store(store).definition(def).space(space)
                .sampler(Samplers.byName(sampler)).trials(trials).listener(listener);
        List<TrialRecord> all = (executor != null ? runner.executor(executor) : runner.objective(objective)).build()
                .run();
        TrialRecord best = all.get(0);
        for (TrialRecord t : all) {
            if (t.objective() > best.objective()) {
                best = t;
            }
        }
        BacktestObjective.Run held = holdout.run(best.params());
        BacktestObjective.Run again = objective.run(best.params());
        double[] sharpes = all.stream().mapToDouble(t -> ((Number) t.metrics().getOrDefault("sharpe_per_day", 0))
                .doubleValue()).toArray();
        DeflatedSharpe.Result dsr = DeflatedSharpe.ofReturns(again.dailyReturns(), sharpes);
        BacktestOverfitting.Result pbo = objective.folds().size() >= 2 && all.size() >= 2
                ? BacktestOverfitting.cscv(foldObjectives(all)) : null;
        Map<String, Double> importance = importance(all);
        Map<String, Object> json = StudyJson.study(def, config, best, held, dsr, pbo, importance, all);
        store.close(name, "done", StudyJson.write(json));
        AtomicFile.writeString(out.resolve("study.json"), StudyJson.write(json));
        AtomicFile.writeString(out.resolve("report.html"), StudyReport.html(def, config, space, best, held, dsr, pbo,
                importance, all));
        return new Result(best, held.outcome().objective(), dsr, pbo, importance, all, json);
    }

    /** [trial][fold] objectives: the blocks of CSCV. */
    @SuppressWarnings("unchecked")
    static double[][] foldObjectives(List<TrialRecord> all) {
        double[][] m = new double[all.size()][];
        for (int i = 0; i < all.size(); i++) {
            List<Map<String, Object>> folds = (List<Map<String, Object>>) all.get(i).metrics().get("folds");
            m[i] = folds.stream().mapToDouble(f -> ((Number) f.get("objective")).doubleValue()).toArray();
        }
        return m;
    }

    /** Permutation importance of each parameter on a forest of the trials (empty below 8 trials: too few to say). */
    private Map<String, Double> importance(List<TrialRecord> all) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (all.size() < 8) {
            return out;
        }
        double[][] x = new double[all.size()][];
        double[] y = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            x[i] = space.toUnit(all.get(i).params());
            y[i] = all.get(i).objective();
        }
        RegressionForest f = RegressionForest.fit(x, y, 100, 6, 2, seed);
        double[] imp = f.permutationImportance(x, y, 5, seed + 1);
        List<Param> ps = space.params();
        for (int k = 0; k < ps.size(); k++) {
            out.put(ps.get(k).name(), imp[k]);
        }
        return out;
    }

    public static final class Builder {
        private StudyStore store;
        private String name;
        private String sampler = "tpe";
        private long seed = 42;
        private int workers = 1;
        private int trials = 50;
        private SearchSpace space;
        private BacktestObjective objective;
        private BacktestObjective holdout;
        private TrialExecutor executor;
        private Map<String, Object> config = new LinkedHashMap<>();
        private StudyRunner.Listener listener = StudyRunner.Listener.NONE;
        private Path out;

        public Builder store(StudyStore s) {
            this.store = s;
            return this;
        }

        public Builder name(String n) {
            this.name = n;
            return this;
        }

        public Builder sampler(String s) {
            Samplers.byName(s);
            this.sampler = s.toLowerCase(java.util.Locale.ROOT);
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder workers(int n) {
            if (n < 1) {
                throw com.forexdiffusion.core.BadInputException.ofField("workers", "must be at least 1, got " + n);
            }
            this.workers = n;
            return this;
        }

        public Builder trials(int n) {
            if (n < 1) {
                throw com.forexdiffusion.core.BadInputException.ofField("trials", "must be at least 1, got " + n);
            }
            this.trials = n;
            return this;
        }

        public Builder space(SearchSpace s) {
            this.space = s;
            return this;
        }

        /** The objective over the optimisation period and the same objective over the held-out period. */
        public Builder objectives(BacktestObjective inSample, BacktestObjective heldOut) {
            this.objective = inSample;
            this.holdout = heldOut;
            return this;
        }

        /**
         * Where the in-sample trials run, e.g. a cluster (not closed here); without one, on {@code workers} local
         * threads. The best parameters' re-runs stay local either way.
         */
        public Builder executor(TrialExecutor e) {
            this.executor = e;
            return this;
        }

        /** What the run is (symbol, range, forecaster, weights, code version...): stored and reported as given. */
        public Builder config(Map<String, Object> c) {
            this.config = new LinkedHashMap<>(c);
            return this;
        }

        public Builder listener(StudyRunner.Listener l) {
            this.listener = l;
            return this;
        }

        public Builder out(Path dir) {
            this.out = dir;
            return this;
        }

        public OptimisationStudy build() {
            if (store == null || name == null || space == null || objective == null || holdout == null || out == null) {
                throw new IllegalStateException("a study needs a store, name, space, both objectives and an out dir");
            }
            return new OptimisationStudy(this);
        }
    }
}
