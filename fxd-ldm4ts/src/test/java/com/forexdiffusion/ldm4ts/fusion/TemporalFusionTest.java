package com.forexdiffusion.ldm4ts.fusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.ldm4ts.nn.Params;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemporalFusionTest {

    private static TemporalFusion.Spec spec(boolean residual, boolean patchTst) {
        return new TemporalFusion.Spec(32, 4, 8, 16, 3, TemporalFusion.Mode.GATED, 0, patchTst, residual);
    }

    @Test
    void theResidualFormStartsExactlyAtItsExplicitPathway() {
        for (boolean patchTst : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                TemporalFusion f = new TemporalFusion(new Params(m, 1), "fusion", spec(true, patchTst));
                NDArray look = m.randomNormal(new Shape(5, 32));
                NDArray denoised = m.randomNormal(new Shape(5, 4, 8, 8));
                NDArray clean = m.randomNormal(new Shape(5, 4, 8, 8));
                float[] fused = f.fuse(look, denoised, clean).centre().toFloatArray();
                float[] explicit = f.forwardExplicit(look).toFloatArray();
                assertThat(fused).containsExactly(explicit);
                // ...and the latents are read: once the correction's read-out is nonzero the output moves.
                assertThat(explicit).isNotEqualTo(new float[15]);
            }
        }
    }

    @Test
    void theOriginalFormMixesBothPathwaysFromTheStart() {
        try (NDManager m = NDManager.newBaseManager()) {
            TemporalFusion f = new TemporalFusion(new Params(m, 1), "fusion", spec(false, false));
            NDArray look = m.randomNormal(new Shape(5, 32));
            NDArray latent = m.randomNormal(new Shape(5, 4, 8, 8));
            assertThat(f.fuse(look, latent, null).centre().toFloatArray())
                    .isNotEqualTo(f.forwardExplicit(look).toFloatArray());
        }
    }

    @Test
    void theResidualGateStartsTowardsTheExplicitPathway() {
        // g = sigmoid(2) ≈ 0.881: the correction enters with weight 1 − g ≈ 0.119.
        assertThat(1 / (1 + Math.exp(-TemporalFusion.GATE_START))).isCloseTo(0.8808, org.assertj.core.data.Offset.offset(1e-4));
    }
}
