package com.forexdiffusion.cluster;

import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.trading.optimisation.study.TrialExecutor;
import com.forexdiffusion.trading.optimisation.study.TrialOutcome;
import org.apache.spark.SparkException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trials as Spark tasks, one partition per trial so a batch spreads over every free slot. Each task builds (once per
 * executor JVM) the recipe's objective; a lost executor's task is retried by Spark, which is safe because a trial
 * is a pure function of its parameters. The driver alone writes to the study store.
 */
public final class SparkTrialExecutor implements TrialExecutor {
    private final SparkCluster cluster;
    private final ObjectiveRecipe recipe;

    public SparkTrialExecutor(SparkCluster cluster, ObjectiveRecipe recipe) {
        this.cluster = cluster;
        this.recipe = recipe;
    }

    @Override
    public List<TrialOutcome> evaluate(List<Map<String, Object>> batch) {
        // Copied into plain maps, whatever the caller's map type, so that each one serialises.
        List<Map<String, Object>> params = new ArrayList<>();
        batch.forEach(p -> params.add(new LinkedHashMap<>(p)));
        try {
            List<RemoteTrial.Result> results = cluster.context().parallelize(params, params.size())
                    .map(new RemoteTrial(recipe)).collect();
            return results.stream().map(RemoteTrial.Result::outcome).toList();
        } catch (Exception e) { // collect() throws Spark's checked SparkException undeclared
            throw failure(e);
        }
    }

    /** The first cause that says what went wrong, not Spark's job-abort wrapper. */
    private static RuntimeException failure(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof SparkException || t.getMessage() == null)) {
            t = t.getCause();
        }
        if (t instanceof FxdException fe) {
            return fe;
        }
        String msg = t == e && e.getMessage() != null ? e.getMessage().lines().findFirst().orElse("") : t.toString();
        return new FxdException("a trial failed on the cluster: " + msg, e);
    }

    @Override
    public int parallelism() {
        return cluster.parallelism();
    }

    @Override
    public void close() {
        ExecutorObjectives.release(recipe.key());
    }
}
