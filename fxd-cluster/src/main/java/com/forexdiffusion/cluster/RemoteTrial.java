package com.forexdiffusion.cluster;

import com.forexdiffusion.trading.optimisation.study.StudyStore;
import com.forexdiffusion.trading.optimisation.study.TrialOutcome;
import com.forexdiffusion.core.parallel.Task;

import java.io.Serializable;
import java.util.LinkedHashMap;

/** One trial as a Spark task: a serialisable function of the parameters, run against the recipe's objective. */
record RemoteTrial(ObjectiveRecipe recipe) implements Task<LinkedHashMap<String, Object>, RemoteTrial.Result> {
    /** What comes back to the driver: the objective, and the metrics as the JSON the study store keeps. */
    record Result(double objective, String metricsJson) implements Serializable {
        TrialOutcome outcome() {
            return new TrialOutcome(objective, StudyStore.read(metricsJson));
        }
    }

    @Override
    public Result apply(LinkedHashMap<String, Object> params) {
        TrialOutcome o = ExecutorObjectives.of(recipe).evaluate(params);
        return new Result(o.objective(), StudyStore.write(o.metrics()));
    }
}
