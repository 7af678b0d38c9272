package com.forexdiffusion.ldm4ts.fusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.ldm4ts.checkpoint.Checkpoint;
import com.forexdiffusion.ldm4ts.checkpoint.Tensor;
import com.forexdiffusion.ldm4ts.model.GaussianNoise;
import com.forexdiffusion.ldm4ts.nn.Params;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample head's scale mixture: neutral at its start, fat-tailed once its factor grows. */
class SampleHeadTest {
    private static final int DRAWS = 4000;

    /** The kurtosis E[(x − m)⁴] / σ⁴ of one window's draws at horizon 0, with the tail factor set to c. */
    private static double kurtosis(float c) {
        try (NDManager m = NDManager.newBaseManager()) {
            Params p = new Params(m, 3);
            SampleHead head = new SampleHead(p, "head", 8, 12, 4, 16, 2);
            p.assign("head.tail", new Shape(2), new float[] {c, c});
            NDArray features = m.randomNormal(0, 1, new Shape(1, 12), ai.djl.ndarray.types.DataType.FLOAT32);
            NDArray noise = GaussianNoise.of(m, new Shape(DRAWS, 4), new SplittableRandom(5));
            float[] x = head.forward(features, DRAWS, noise).toFloatArray();
            double mean = 0;
            for (int i = 0; i < DRAWS; i++) {
                mean += x[2 * i] / DRAWS;
            }
            double m2 = 0;
            double m4 = 0;
            for (int i = 0; i < DRAWS; i++) {
                double d = x[2 * i] - mean;
                m2 += d * d / DRAWS;
                m4 += d * d * d * d / DRAWS;
            }
            return m4 / (m2 * m2);
        }
    }

    /**
     * With c = 0 the head is the untrained MLP of a normal: a kurtosis near a normal's 3. A log-normal mixing factor
     * exp(c ζ₀) multiplies a normal's kurtosis by e^{4c²} (12.9 at c = 0.8) when it is independent of the draw; here
     * ζ₀ also feeds the MLP, so the test asks for a threefold rise only.
     */
    @Test
    void aGrownTailFactorFattensTheDrawsTails() {
        double neutral = kurtosis(0);
        double fat = kurtosis(0.8f);
        System.out.printf("kurtosis of the draws: c = 0 %.2f, c = 0.8 %.2f%n", neutral, fat);
        assertThat(neutral).isBetween(2.0, 4.5);
        assertThat(fat).isGreaterThan(3 * neutral);
    }

    /** A checkpoint written before the head had the factor loads, with the factor at its neutral 0. */
    @Test
    void aCheckpointWithoutTheTailFactorLoadsWithItAtZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            Params written = new Params(m, 3);
            new SampleHead(written, "head", 8, 12, 4, 16, 2);
            Map<String, Tensor> file = new LinkedHashMap<>();
            written.tensors().forEach((name, t) -> {
                if (!name.equals("head.tail")) {
                    file.put(name, new Tensor(name, t.getShape().getShape(), t.toFloatArray()));
                }
            });
            Params fresh = new Params(m, 99);
            new SampleHead(fresh, "head", 8, 12, 4, 16, 2);
            Checkpoint.assignAll(fresh, file, "", "old.safetensors");
            assertThat(fresh.get("head.tail").toFloatArray()).containsExactly(0f, 0f);
            assertThat(fresh.get("head.fc1.weight").toFloatArray()).containsExactly(written.get("head.fc1.weight")
                    .toFloatArray());
            // Any other missing tensor is still an error naming it.
            file.remove("head.fc2.bias");
            Params again = new Params(m, 99);
            new SampleHead(again, "head", 8, 12, 4, 16, 2);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Checkpoint.assignAll(again, file, "", "old.safetensors"))
                    .hasMessageContaining("head.fc2.bias");
        }
    }
}
