package com.forexdiffusion.cluster;

import com.forexdiffusion.trading.optimisation.study.Objective;

/**
 * The objective this JVM runs trials on. Spark deserialises a task's function afresh for every task, so without a
 * holder each trial would reopen the database, refit the fold models and reread the forecast cache; the executor JVM
 * is the natural scope for that work. It holds one recipe at a time: a new key closes the old objective.
 */
final class ExecutorObjectives {
    private static String key;
    private static ObjectiveRecipe.Opened current;

    private ExecutorObjectives() {
    }

    static synchronized Objective of(ObjectiveRecipe recipe) {
        if (current == null || !recipe.key().equals(key)) {
            release();
            current = recipe.open();
            key = recipe.key();
        }
        return current;
    }

    /** Closes the held objective if it is this recipe's (the driver's JVM in local mode). */
    static synchronized void release(String recipeKey) {
        if (recipeKey.equals(key)) {
            release();
        }
    }

    private static void release() {
        if (current != null) {
            current.close();
        }
        current = null;
        key = null;
    }
}
