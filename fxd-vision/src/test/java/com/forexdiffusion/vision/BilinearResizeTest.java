package com.forexdiffusion.vision;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BilinearResizeTest {
    /**
     * 3 → 5 with half-pixel centres: source coordinate 0.6·(d + 0.5) − 0.5 = −0.2 (clamped to 0), 0.4, 1.0, 1.6,
     * 2.2 (neighbour clamped to index 2). For in[i][j] = 3i + j, bilinear is exact: out = 3·Y + X with
     * Y = X = [0, 0.4, 1.0, 1.6, 2.0].
     */
    @Test
    void upsamplesThreeByThreeToFiveByFive() {
        float[] in = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        float[] out = new float[25];
        new BilinearResize(3, 3, 5, 5).resize(in, out, 0);
        float[] axis = {0f, 0.4f, 1.0f, 1.6f, 2.0f};
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 5; c++) {
                assertThat(out[r * 5 + c]).as("(%d,%d)", r, c).isCloseTo(3 * axis[r] + axis[c], within(1e-6f));
            }
        }
    }

    @Test
    void upsamplesTheIdentityWithTheRightWeights() {
        float[] in = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        float[] out = new float[25];
        new BilinearResize(3, 3, 5, 5).resize(in, out, 0);
        // Row 1 sits at 0.4 (rows 0 and 1 weighted 0.6 / 0.4), column 3 at 1.6 (columns 1 and 2, 0.4 / 0.6):
        // 0.6 · in[0][1..2] + 0.4 · (0.4 · in[1][1] + 0.6 · in[1][2]) = 0.16.
        assertThat(out[1 * 5 + 3]).isCloseTo(0.16f, within(1e-6f));
        // (0.4, 0.4): 0.36 · 1 + 0.24 · 0 + 0.24 · 0 + 0.16 · 1 = 0.52.
        assertThat(out[1 * 5 + 1]).isCloseTo(0.52f, within(1e-6f));
        assertThat(out[0]).isEqualTo(1f);
        assertThat(out[24]).isEqualTo(1f);
    }

    /** 5 → 2: coordinates 2.5·(d + 0.5) − 0.5 = 0.75 and 3.25; in[i][j] = 5i + j gives 5Y + X. */
    @Test
    void downsamplesFiveByFiveToTwoByTwo() {
        float[] in = new float[25];
        for (int i = 0; i < 25; i++) {
            in[i] = i;
        }
        float[] out = new float[4];
        new BilinearResize(5, 5, 2, 2).resize(in, out, 0);
        assertThat(out).containsExactly(4.5f, 7f, 17f, 19.5f);
    }

    @Test
    void sameSizeIsTheIdentity() {
        float[] in = {3, 1, 4, 1, 5, 9, 2, 6, 5};
        float[] out = new float[9];
        new BilinearResize(3, 3, 3, 3).resize(in, out, 0);
        assertThat(out).containsExactly(in);
    }

    @Test
    void vectorsResizeLikeOneRowOfTheMatrix() {
        BilinearResize r = new BilinearResize(3, 3, 5, 5);
        float[] out = new float[5];
        r.resizeCols(new float[]{0, 1, 2}, out);
        assertThat(out).containsExactly(0f, 0.4f, 1.0f, 1.6f, 2.0f);
    }
}
