package com.forexdiffusion.cluster;

import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.trading.optimisation.study.TrialExecutor;
import com.forexdiffusion.trading.optimisation.study.TrialOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trials as Spark tasks, one partition per trial (up to four per task slot) so a batch spreads over every free slot.
 * Each task builds (once per executor JVM) the recipe's objective; a lost executor's task is retried by Spark, which
 * is safe because a trial is a pure function of its parameters. The driver alone writes to the study store.
 */
public final class SparkTrialExecutor implements TrialExecutor {
    private final SparkCluster cluster;
    private final ObjectiveRecipe recipe;
    private final SparkTaskPool pool;

    public SparkTrialExecutor(SparkCluster cluster, ObjectiveRecipe recipe) {
        this.cluster = cluster;
        this.recipe = recipe;
        this.pool = new SparkTaskPool(cluster);
    }

    @Override
    public List<TrialOutcome> evaluate(List<Map<String, Object>> batch) {
        // Copied into plain maps, whatever the caller's map type, so that each one serialises.
        List<LinkedHashMap<String, Object>> params = new ArrayList<>();
        batch.forEach(p -> params.add(new LinkedHashMap<>(p)));
        List<RemoteTrial.Result> results = pool.map(params, new RemoteTrial(recipe), ProgressListener.NONE);
        return results.stream().map(RemoteTrial.Result::outcome).toList();
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
