package com.forexdiffusion.ldm4ts.fusion;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ldm4ts.checkpoint.Checkpoint;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.nn.Params;
import com.forexdiffusion.ldm4ts.nn.Tensors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SampleHeadVolatilityTest {
    /** Bars 0..47 are 1, 48..59 are 2, 60..61 are 3, 62..63 are 4. */
    private static float[] lookback() {
        float[] x = new float[64];
        for (int i = 0; i < 64; i++) {
            x[i] = i < 48 ? 1 : i < 60 ? 2 : i < 62 ? 3 : 4;
        }
        return x;
    }

    @Test
    void fourWindowsReadTheLogRmsOfTheWholeLookbackItsLastQuarterSixteenthAndTwoBars() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            SampleHead head = new SampleHead(new Params(m, 5), "h", 64, 64, 2, 8, 1, 4);
            float[] v = head.logVolatility(Tensors.of(m, lookback(), new Shape(1, 64))).toFloatArray();
            // Mean squares by hand: all 64 bars (48 + 48 + 18 + 32) / 64, the last 16 (48 + 18 + 32) / 16,
            // the last 4 (9 + 9 + 16 + 16) / 4, the last 2 (16 + 16) / 2.
            double[] meanSquare = {146 / 64.0, 98 / 16.0, 50 / 4.0, 16};
            assertThat(v).hasSize(4);
            for (int k = 0; k < 4; k++) {
                assertThat((double) v[k]).isCloseTo(0.5 * Math.log(meanSquare[k]), Offset.offset(1e-5));
            }
            SampleHead two = new SampleHead(new Params(m, 5), "h2", 64, 64, 2, 8, 1, 2);
            float[] w = two.logVolatility(Tensors.of(m, lookback(), new Shape(1, 64))).toFloatArray();
            assertThat(w).hasSize(2);
            assertThat((double) w[1]).isCloseTo(0.5 * Math.log(98 / 16.0), Offset.offset(1e-5));
        }
    }

    /** A checkpoint written before the choice has no headVolatility field: it loads with the two windows it had. */
    @Test
    void anOlderConfigKeepsTwoWindows() throws Exception {
        Ldm4tsConfig now = Ldm4tsConfig.compact("EURUSD", Timeframe.M5, List.of(15, 60, 240), 1);
        assertThat(now.headVolatilityWindows()).isEqualTo(4);
        ObjectNode json = Checkpoint.JSON.valueToTree(now);
        json.remove("head_volatility");
        assertThat(json.has("head_noise")).isTrue();
        Ldm4tsConfig old = Checkpoint.JSON.treeToValue(json, Ldm4tsConfig.class);
        assertThat(old.headVolatilityWindows()).isEqualTo(2);
        try (Ldm4tsModel model = Ldm4tsModel.create(old, Device.cpu())) {
            assertThat(model.params().tensors().get("fusion.sample_head.scale.weight").getShape())
                    .isEqualTo(new Shape(3, 2));
        }
    }
}
