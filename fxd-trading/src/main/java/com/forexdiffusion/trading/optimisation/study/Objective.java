package com.forexdiffusion.trading.optimisation.study;

import java.util.Map;

/**
 * The function a study maximises. It must be a pure function of the parameters (same parameters, same outcome,
 * whatever ran before or beside it) and safe to call from several threads: that is what makes resumed and parallel
 * studies equal to a sequential run.
 */
@FunctionalInterface
public interface Objective {
    TrialOutcome evaluate(Map<String, Object> params);
}
