package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** GroupNorm, attention and the timestep features against values worked out by hand. */
class NumericsTest {

    @Test
    void groupNormMatchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Channels (1, 3), (5, 7), (2, 2), (2, 6) in two groups of two channels.
            NDArray x = Tensors.of(m, new float[] {1, 3, 5, 7, 2, 2, 2, 6}, new Shape(1, 4, 1, 2));
            float[] y = GroupNorm.normalize(x, 2, 0f, null, null).toFloatArray();
            // group 1: mean 4, variance (9 + 1 + 1 + 9) / 4 = 5
            double s1 = Math.sqrt(5);
            // group 2: mean 3, variance (1 + 1 + 1 + 9) / 4 = 3
            double s2 = Math.sqrt(3);
            double[] expected = {-3 / s1, -1 / s1, 1 / s1, 3 / s1, -1 / s2, -1 / s2, -1 / s2, 3 / s2};
            for (int i = 0; i < 8; i++) {
                assertThat((double) y[i]).isCloseTo(expected[i], within(1e-6));
            }
        }
    }

    @Test
    void oneAttentionHeadOnTwoTokensByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray q = Tensors.of(m, new float[] {1, 0, 0, 1}, new Shape(1, 2, 2));
            NDArray k = Tensors.of(m, new float[] {1, 0, 0, 1}, new Shape(1, 2, 2));
            NDArray v = Tensors.of(m, new float[] {1, 2, 3, 4}, new Shape(1, 2, 2));
            float[] out = Attention.attend(q, k, v, 1, 2).toFloatArray();
            // scores = q kᵀ / √2 = [[1/√2, 0], [0, 1/√2]]; row weights (w, 1 − w) and (1 − w, w)
            double e = Math.exp(1 / Math.sqrt(2));
            double w = e / (e + 1);
            double[] expected = {w * 1 + (1 - w) * 3, w * 2 + (1 - w) * 4, (1 - w) * 1 + w * 3, (1 - w) * 2 + w * 4};
            for (int i = 0; i < 4; i++) {
                assertThat((double) out[i]).isCloseTo(expected[i], within(1e-6));
            }
        }
    }

    @Test
    void twoHeadsAttendIndependently() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Head 1 sees values (1, 3), head 2 values (10, 30); with equal scores each averages its own values.
            NDArray q = Tensors.of(m, new float[] {0, 0, 0, 0, 0, 0, 0, 0}, new Shape(1, 2, 4));
            NDArray k = Tensors.of(m, new float[] {1, 1, 1, 1, 2, 2, 2, 2}, new Shape(1, 2, 4));
            NDArray v = Tensors.of(m, new float[] {1, 1, 10, 10, 3, 3, 30, 30}, new Shape(1, 2, 4));
            float[] out = Attention.attend(q, k, v, 2, 2).toFloatArray();
            assertThat(out).containsExactly(new float[] {2, 2, 20, 20, 2, 2, 20, 20}, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void sinusoidalTimestepFeatures() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] f = TimestepEmbedding.sinusoidal(m, new double[] {0, 3}, 4).toFloatArray();
            // half = 2, frequencies 1 and 10000^(-1/2) = 0.01; layout [cos, cos, sin, sin]
            assertThat(f).containsExactly(new float[] {1, 1, 0, 0, (float) Math.cos(3), (float) Math.cos(0.03),
                    (float) Math.sin(3), (float) Math.sin(0.03)}, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }
}
