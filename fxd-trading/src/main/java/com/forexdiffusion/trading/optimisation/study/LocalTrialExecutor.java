package com.forexdiffusion.trading.optimisation.study;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.FxdException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Trials on up to {@code threads} threads of this process; one thread runs them in the caller's thread. */
public final class LocalTrialExecutor implements TrialExecutor {
    private final Objective objective;
    private final int threads;
    private final ExecutorService pool;

    public LocalTrialExecutor(Objective objective, int threads) {
        if (threads < 1) {
            throw BadInputException.ofField("workers", "must be at least 1, got " + threads);
        }
        this.objective = objective;
        this.threads = threads;
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
    }

    @Override
    public List<TrialOutcome> evaluate(List<Map<String, Object>> batch) {
        if (pool == null) {
            return batch.stream().map(objective::evaluate).toList();
        }
        List<Future<TrialOutcome>> running = new ArrayList<>();
        batch.forEach(p -> running.add(pool.submit(() -> objective.evaluate(p))));
        List<TrialOutcome> out = new ArrayList<>();
        for (Future<TrialOutcome> f : running) {
            out.add(await(f));
        }
        return out;
    }

    private static TrialOutcome await(Future<TrialOutcome> f) {
        try {
            return f.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new FxdException("trials interrupted", ex);
        } catch (ExecutionException ex) {
            throw ex.getCause() instanceof RuntimeException re ? re
                    : new FxdException("a trial failed: " + ex.getCause(), ex.getCause());
        }
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
