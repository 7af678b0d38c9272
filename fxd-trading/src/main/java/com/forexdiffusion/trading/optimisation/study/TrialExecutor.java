package com.forexdiffusion.trading.optimisation.study;

import java.util.List;
import java.util.Map;

/**
 * Where a batch of trials runs: threads of this process or the executors of a cluster. The outcomes come back in the
 * order of the parameters. The objective behind it must be pure, so where a trial ran never changes its outcome.
 */
public interface TrialExecutor extends AutoCloseable {
    List<TrialOutcome> evaluate(List<Map<String, Object>> batch);

    /** How many trials it runs at once (what a study's batch size defaults to). */
    int parallelism();

    @Override
    void close();
}
