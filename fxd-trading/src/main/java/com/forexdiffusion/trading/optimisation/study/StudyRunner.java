package com.forexdiffusion.trading.optimisation.study;

import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.trading.optimisation.sampler.Observation;
import com.forexdiffusion.trading.optimisation.sampler.Sampler;
import com.forexdiffusion.trading.optimisation.sampler.SamplerBenchmark;
import com.forexdiffusion.trading.optimisation.space.SearchSpace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a study to {@code trials} trials, resuming from what the store holds. Trials are proposed in batches of the
 * study's batch size: trial k of a batch is proposed from every trial of the earlier batches (all finished) and the
 * parameters of trials before it in its own batch (pending), with its own generator seeded by (seed, k). So the
 * sequence depends on the seed and batch size only, not on timing or on how many times the study was interrupted;
 * a batch's trials run together on the trial executor (by default, batch-size threads of this process). A stored
 * trial keeps its parameters: a finished one is never run again, one left running by a killed process is run again
 * with the same parameters.
 */
public final class StudyRunner {
    /** Called after every finished trial, in trial order within a batch. */
    public interface Listener {
        void trialDone(TrialRecord trial, double bestObjective, int done, int total);

        Listener NONE = (t, b, d, n) -> {
        };
    }

    private final StudyStore store;
    private final StudyDefinition definition;
    private final SearchSpace space;
    private final Sampler sampler;
    private final Objective objective;
    private final TrialExecutor executor;
    private final int trials;
    private final Listener listener;

    private StudyRunner(Builder b) {
        this.store = b.store;
        this.definition = b.definition;
        this.space = b.space;
        this.sampler = b.sampler;
        this.objective = b.objective;
        this.executor = b.executor;
        this.trials = b.trials;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the missing trials and returns all of them, in trial order. */
    public List<TrialRecord> run() {
        store.openOrCreate(definition);
        Map<Integer, TrialRecord> stored = new HashMap<>();
        store.trials(definition.name()).forEach(t -> stored.put(t.number(), t));
        int batch = definition.batchSize();
        TrialExecutor trialExecutor = executor != null ? executor : new LocalTrialExecutor(objective, batch);
        try {
            List<Observation> observed = new ArrayList<>();
            double best = Double.NEGATIVE_INFINITY;
            int done = 0;
            for (int from = 0; from < trials; from += batch) {
                int to = Math.min(trials, from + batch);
                List<Map<String, Object>> proposed = propose(from, to, stored, observed);
                Map<Integer, TrialRecord> finished = runBatch(from, proposed, stored, trialExecutor);
                for (int k = from; k < to; k++) {
                    TrialRecord r = finished.get(k);
                    observed.add(new Observation(r.params(), -r.objective()));
                    best = Math.max(best, r.objective());
                    listener.trialDone(r, best, ++done, trials);
                }
            }
        } finally {
            if (executor == null) {
                trialExecutor.close();
            }
        }
        return store.trials(definition.name()).subList(0, trials);
    }

    private List<Map<String, Object>> propose(int from, int to, Map<Integer, TrialRecord> stored,
                                              List<Observation> observed) {
        List<Map<String, Object>> proposed = new ArrayList<>();
        for (int k = from; k < to; k++) {
            TrialRecord r = stored.get(k);
            Map<String, Object> p = r != null ? space.normalise(r.params())
                    : space.normalise(sampler.suggest(space, List.copyOf(observed), List.copyOf(proposed),
                    SamplerBenchmark.trialRng(definition.seed(), k)));
            proposed.add(p);
        }
        return proposed;
    }

    /** Marks the batch's unfinished trials running, runs them together, then stores each outcome. */
    private Map<Integer, TrialRecord> runBatch(int from, List<Map<String, Object>> proposed,
                                               Map<Integer, TrialRecord> stored, TrialExecutor trialExecutor) {
        Map<Integer, TrialRecord> out = new HashMap<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < proposed.size(); i++) {
            TrialRecord r = stored.get(from + i);
            if (r != null && r.state() == TrialRecord.TrialState.DONE) {
                out.put(from + i, r);
            } else {
                pending.add(from + i);
            }
        }
        if (pending.isEmpty()) {
            return out;
        }
        long start = System.currentTimeMillis();
        List<Map<String, Object>> params = pending.stream().map(k -> proposed.get(k - from)).toList();
        for (int i = 0; i < pending.size(); i++) {
            store.start(definition.name(), pending.get(i), params.get(i));
        }
        List<TrialOutcome> outcomes = trialExecutor.evaluate(params);
        if (outcomes.size() != params.size()) {
            throw new FxdException("study " + definition.name() + ": " + params.size() + " trials sent, "
                    + outcomes.size() + " outcomes back");
        }
        for (int i = 0; i < pending.size(); i++) {
            out.put(pending.get(i), finish(pending.get(i), params.get(i), outcomes.get(i), start));
        }
        return out;
    }

    private TrialRecord finish(int k, Map<String, Object> params, TrialOutcome o, long start) {
        store.finish(definition.name(), k, o, start);
        long end = System.currentTimeMillis();
        // Read back as stored, so a fresh trial and a resumed one look alike (JSON numbers and all).
        return new TrialRecord(k, TrialRecord.TrialState.DONE, space.normalise(StudyStore.read(StudyStore.write(params))),
                o.objective(), StudyStore.read(StudyStore.write(o.metrics())), start, end, end - start);
    }

    public static final class Builder {
        private StudyStore store;
        private StudyDefinition definition;
        private SearchSpace space;
        private Sampler sampler;
        private Objective objective;
        private TrialExecutor executor;
        private int trials;
        private Listener listener = Listener.NONE;

        public Builder store(StudyStore s) {
            this.store = s;
            return this;
        }

        public Builder definition(StudyDefinition d) {
            this.definition = d;
            return this;
        }

        public Builder space(SearchSpace s) {
            this.space = s;
            return this;
        }

        public Builder sampler(Sampler s) {
            this.sampler = s;
            return this;
        }

        public Builder objective(Objective o) {
            this.objective = o;
            return this;
        }

        /** Where the trials run (not closed by the runner); without one they run on batch-size local threads. */
        public Builder executor(TrialExecutor e) {
            this.executor = e;
            return this;
        }

        public Builder trials(int n) {
            if (n < 1) {
                throw com.forexdiffusion.core.BadInputException.ofField("trials", "must be at least 1, got " + n);
            }
            this.trials = n;
            return this;
        }

        public Builder listener(Listener l) {
            this.listener = l;
            return this;
        }

        public StudyRunner build() {
            if (store == null || definition == null || space == null || sampler == null
                    || (objective == null) == (executor == null)) {
                throw new IllegalStateException("a study needs a store, definition, space, sampler and either an "
                        + "objective or a trial executor");
            }
            return new StudyRunner(this);
        }
    }
}
