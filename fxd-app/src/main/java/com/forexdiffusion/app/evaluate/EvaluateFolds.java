package com.forexdiffusion.app.evaluate;

import com.forexdiffusion.app.forecast.ForecasterSpecs;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.core.parallel.Task;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.forecast.evaluation.WalkForward;
import com.forexdiffusion.forecast.evaluation.WalkForwardConfig;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One (fold, forecaster) of `fxd evaluate --cluster` as a task: it carries the data range and the forecasters' names
 * as plain values, and reads the bars and fits the forecaster where it runs, so an executor scores exactly the fold
 * the driver would have.
 */
record EvaluateFolds(String db, String symbol, Timeframe timeframe, long fromMs, long toMs, List<String> forecasters,
                     WalkForwardConfig cfg) implements Task<WalkForward.FoldJob, WalkForward.FoldScores> {
    EvaluateFolds {
        forecasters = List.copyOf(forecasters);
    }

    @Override
    public WalkForward.FoldScores apply(WalkForward.FoldJob job) {
        return applyAll(List.of(job)).get(0);
    }

    /** The bars read and each forecaster built once for the whole group. */
    @Override
    public List<WalkForward.FoldScores> applyAll(List<WalkForward.FoldJob> jobs) {
        try (ModelRegistry registry = new ModelRegistry(Ldm4tsModel.defaultDevice());
             Database d = Database.openExisting(db)) {
            BarSeries bars = d.candles().read(symbol, timeframe, fromMs, toMs);
            Map<Integer, ForecasterFactory> factories = new HashMap<>();
            List<WalkForward.FoldScores> out = new ArrayList<>();
            for (WalkForward.FoldJob job : jobs) {
                ForecasterFactory f = factories.computeIfAbsent(job.forecaster(),
                        k -> ForecasterSpecs.factory(forecasters.get(k), cfg.horizons(), registry));
                out.add(WalkForward.score(bars, f, job.bars(), cfg, n -> { }));
            }
            return out;
        }
    }

    /** Without the database password: Spark prints a task's string form when it cannot serialise it. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + Database.masked(db) + " " + symbol + " " + timeframe + "]";
    }
}
