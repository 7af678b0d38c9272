package com.forexdiffusion.trading.optimisation.study;

import com.forexdiffusion.core.BadInputException;

/**
 * What fixes a study's trial sequence: sampler, seed, the batch size (trials proposed together, the parallelism the
 * study was created with), the search space and the objective's configuration (data range, folds, weights), both as
 * canonical JSON. Resuming with any of them changed would mix two different searches, so it is refused.
 */
public record StudyDefinition(String name, String sampler, long seed, int batchSize, String spaceJson,
                              String configJson) {
    public StudyDefinition {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,128}")) {
            throw BadInputException.ofField("study", "must be 1-128 letters, digits, '.', '_' or '-', got '" + name
                    + "'");
        }
        if (batchSize < 1) {
            throw BadInputException.ofField("workers", "must be at least 1, got " + batchSize);
        }
    }
}
