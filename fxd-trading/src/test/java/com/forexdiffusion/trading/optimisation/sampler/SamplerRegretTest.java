package com.forexdiffusion.trading.optimisation.sampler;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TPE and GP-EI against random search on Branin and Hartmann-6: median simple regret over 20 seeds after 50 and 100
 * evaluations (one run of 100 gives both budgets) must be lower than random's.
 */
class SamplerRegretTest {
    private static final int[] BUDGETS = {50, 100};
    private static final int SEEDS = 20;

    private static void beatsRandom(TestFunctions.Problem p, Sampler s) {
        double[] random = SamplerBenchmark.medianRegret(p, new RandomSampler(), BUDGETS, SEEDS);
        double[] model = SamplerBenchmark.medianRegret(p, s, BUDGETS, SEEDS);
        System.out.printf("%s %s: median regret at 50 %.5f (random %.5f), at 100 %.5f (random %.5f)%n", p.name(),
                s.name(), model[0], random[0], model[1], random[1]);
        for (int b = 0; b < BUDGETS.length; b++) {
            assertThat(model[b]).as("%s on %s at %d evaluations", s.name(), p.name(), BUDGETS[b])
                    .isLessThan(random[b]);
        }
    }

    @Test
    void tpeBeatsRandomOnBranin() {
        beatsRandom(TestFunctions.branin(), TpeSampler.builder().build());
    }

    @Test
    void tpeBeatsRandomOnHartmann6() {
        beatsRandom(TestFunctions.hartmann6(), TpeSampler.builder().build());
    }

    @Test
    void multivariateTpeBeatsRandomOnHartmann6() {
        beatsRandom(TestFunctions.hartmann6(), TpeSampler.builder().multivariate(true).build());
    }

    @Test
    void gpBeatsRandomOnBranin() {
        beatsRandom(TestFunctions.branin(), GpEiSampler.builder().build());
    }

    @Test
    void gpBeatsRandomOnHartmann6() {
        beatsRandom(TestFunctions.hartmann6(), GpEiSampler.builder().build());
    }

    @Test
    void knownMinimaAreWhereTheLiteratureSaysTheyAre() {
        assertThat(TestFunctions.branin(Math.PI, 2.275)).isCloseTo(0.397887, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(TestFunctions.hartmann6(new double[]{0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573}))
                .isCloseTo(-3.32237, org.assertj.core.data.Offset.offset(1e-5));
    }
}
