package com.forexdiffusion.trading.optimisation.study;

import com.forexdiffusion.trading.optimisation.sampler.TestFunctions;
import com.forexdiffusion.trading.optimisation.sampler.TpeSampler;
import com.forexdiffusion.trading.optimisation.space.SearchSpaceFile;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A TPE study on Branin (maximising −branin), shared by the in-process and the child-process runs. */
final class StudyFixture {
    static final TestFunctions.Problem BRANIN = TestFunctions.branin();

    private StudyFixture() {
    }

    /** −Branin, after sleeping {@code sleepMs}; counts its calls into {@code calls} when given. */
    static Objective branin(long sleepMs, AtomicInteger calls) {
        return p -> {
            if (calls != null) {
                calls.incrementAndGet();
            }
            if (sleepMs > 0) {
                try {
                    Thread.sleep(sleepMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            double v = BRANIN.f().applyAsDouble(p);
            return new TrialOutcome(-v, Map.of("folds", List.of(-v, -v / 2)));
        };
    }

    static StudyRunner runner(StudyStore store, int trials, int workers, Objective o) {
        return StudyRunner.builder().store(store)
                .definition(new StudyDefinition("branin", "tpe", 7, workers, SearchSpaceFile.toJson(BRANIN.space()),
                        "{\"f\":\"branin\"}"))
                .space(BRANIN.space()).sampler(TpeSampler.builder().startup(5).build()).objective(o).trials(trials)
                .build();
    }
}
