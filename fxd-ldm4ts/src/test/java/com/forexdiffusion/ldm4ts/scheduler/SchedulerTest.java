package com.forexdiffusion.ldm4ts.scheduler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.ldm4ts.nn.Tensors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SchedulerTest {

    private static double f(double s) {
        double c = Math.cos((s + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    @Test
    void cosineAlphaBarIsTheClosedFormWhereBetaIsNotCapped() {
        DdpmScheduler s = DdpmScheduler.cosine();
        // Π (1 − β_i) telescopes to f((t + 1)/T) / f(0) while no β hits the 0.999 cap.
        for (int t : new int[] {0, 1, 250, 499, 900, 980}) {
            assertThat(s.alphaBar(t)).isCloseTo(f((t + 1) / 1000.0) / f(0), within(1e-9));
        }
        assertThat(s.alphaBar(999)).isLessThan(1e-4);
    }

    @Test
    void linearScheduleEnds() {
        DdpmScheduler s = new DdpmScheduler(1000, BetaSchedule.LINEAR);
        assertThat(s.alphaBar(0)).isCloseTo(1 - 1e-4, within(1e-12));
        assertThat(s.alphaBar(1)).isCloseTo((1 - 1e-4) * (1 - (1e-4 + (0.02 - 1e-4) / 999)), within(1e-12));
    }

    @Test
    void leadingTimestepSpacing() {
        assertThat(DdpmScheduler.cosine().timesteps(10)).containsExactly(900, 800, 700, 600, 500, 400, 300, 200, 100, 0);
    }

    @Test
    void ddimWithEtaZeroOnTheTrueNoiseMovesAlongTheClosedForm() {
        DdimScheduler s = new DdimScheduler(1000, BetaSchedule.COSINE, 0);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x0v = {0.5f, -1.0f, 2.0f};
            float[] ev = {1.0f, 0.3f, -0.7f};
            NDArray x0 = Tensors.of(m, x0v, new Shape(1, 3));
            NDArray eps = Tensors.of(m, ev, new Shape(1, 3));
            NDArray xt = s.addNoise(x0, eps, new int[] {600});
            double a = s.alphaBar(600);
            float[] xtv = xt.toFloatArray();
            for (int i = 0; i < 3; i++) {
                assertThat((double) xtv[i]).isCloseTo(Math.sqrt(a) * x0v[i] + Math.sqrt(1 - a) * ev[i], within(1e-6));
            }
            float[] prev = s.step(eps, 600, 400, xt, null).toFloatArray();
            double ap = s.alphaBar(400);
            for (int i = 0; i < 3; i++) {
                assertThat((double) prev[i]).isCloseTo(Math.sqrt(ap) * x0v[i] + Math.sqrt(1 - ap) * ev[i], within(1e-5));
            }
            float[] last = s.step(eps, 600, -1, xt, null).toFloatArray();
            assertThat(last).containsExactly(x0v, org.assertj.core.data.Offset.offset(1e-5f));
            float[] x0hat = s.predictX0(xt, eps, new int[] {600}).toFloatArray();
            assertThat(x0hat).containsExactly(x0v, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void ddpmStepAddsThePosteriorVariance() {
        DdpmScheduler s = DdpmScheduler.cosine();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = Tensors.of(m, new float[] {0.2f}, new Shape(1, 1));
            NDArray eps = Tensors.of(m, new float[] {0.1f}, new Shape(1, 1));
            NDArray z = Tensors.of(m, new float[] {1f}, new Shape(1, 1));
            double mean = s.step(eps, 500, 499, x, null).toFloatArray()[0];
            double noisy = s.step(eps, 500, 499, x, z).toFloatArray()[0];
            double ab = s.alphaBar(500);
            double abp = s.alphaBar(499);
            double beta = 1 - ab / abp;
            assertThat(noisy - mean).isCloseTo(Math.sqrt((1 - abp) / (1 - ab) * beta), within(1e-6));
        }
    }
}
