package com.forexdiffusion.vision;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VisionEncoderTest {
    static BarSeries walk(int n, long seed) {
        return com.forexdiffusion.vision.benchmark.VisionBenchmark.randomWalk(n, seed);
    }

    static BarSeries closes(double... c) {
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M1, c.length);
        for (int i = 0; i < c.length; i++) {
            b.add(i * 60_000L, c[i], c[i], c[i], c[i], 1);
        }
        return b.build();
    }

    /** PyTorch bilinear (align_corners=False), written out from the formula for the test's own use. */
    static double[] resize(double[][] m, int oh, int ow) {
        int ih = m.length;
        int iw = m[0].length;
        double[] out = new double[oh * ow];
        for (int r = 0; r < oh; r++) {
            double sy = Math.max(0, (r + 0.5) * ih / oh - 0.5);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, ih - 1);
            double ly = sy - y0;
            for (int c = 0; c < ow; c++) {
                double sx = Math.max(0, (c + 0.5) * iw / ow - 0.5);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, iw - 1);
                double lx = sx - x0;
                out[r * ow + c] = (1 - ly) * ((1 - lx) * m[y0][x0] + lx * m[y0][x1])
                        + ly * ((1 - lx) * m[y1][x0] + lx * m[y1][x1]);
            }
        }
        return out;
    }

    static double[] minMax(double[] v) {
        double lo = Arrays.stream(v).min().orElseThrow();
        double hi = Arrays.stream(v).max().orElseThrow();
        return Arrays.stream(v).map(a -> hi > lo ? (a - lo) / (hi - lo) : 0.5).toArray();
    }

    static void assertPlane(float[] img, int plane, double[] expected) {
        int len = expected.length;
        for (int i = 0; i < len; i++) {
            assertThat((double) img[plane * len + i]).as("plane %d pixel %d", plane, i)
                    .isCloseTo(expected[i], within(2e-5));
        }
    }

    /**
     * Closes 10, 12, 14, 11 normalise to x = 0, 0.5, 1, 0.25; s = 2x − 1 = −1, 0, 1, −0.5, so
     * φ = π, π/2, 0, 2π/3 and G[i][j] = cos(φi + φj), written out by hand below.
     */
    static final double R3 = Math.sqrt(3) / 2;
    static final double[][] GAF_BY_HAND = {
            {1, 0, -1, 0.5},
            {0, -1, 0, -R3},
            {-1, 0, 1, -0.5},
            {0.5, -R3, -0.5, -0.5}};

    @Test
    void gafOfFourBarsMatchesTheMatrixComputedByHand() {
        // The diagonal is cos(2φ): cos 2π = 1, cos π = −1, cos 0 = 1, cos 4π/3 = −0.5.
        assertThat(GAF_BY_HAND[3][3]).isEqualTo(Math.cos(2 * 2 * Math.PI / 3), within(1e-12));
        VisionEncoder e = new VisionEncoder(new VisionConfig(4, 8, 8, SourceSeries.CLOSE, 2, 1.0));
        float[] img = e.encode(closes(10, 12, 14, 11));
        assertPlane(img, 1, minMax(resize(GAF_BY_HAND, 8, 8)));
    }

    @Test
    void rpOfFourBarsMatchesTheMatrixComputedByHandAndIsSymmetric() {
        double[] x = {0, 0.5, 1, 0.25};
        double[][] rp = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                rp[i][j] = Math.exp(-(x[i] - x[j]) * (x[i] - x[j]) / 2);
            }
        }
        // By hand: exp(−0.125) = 0.882497, exp(−0.5) = 0.606531, exp(−0.03125) = 0.969233.
        assertThat(rp[0][1]).isCloseTo(0.882497, within(1e-6));
        assertThat(rp[0][2]).isCloseTo(0.606531, within(1e-6));
        assertThat(rp[0][3]).isCloseTo(0.969233, within(1e-6));
        VisionEncoder e = new VisionEncoder(new VisionConfig(4, 8, 8, SourceSeries.CLOSE, 2, 1.0));
        float[] raw = new float[16];
        e.rpMatrix(x, raw);
        for (int i = 0; i < 4; i++) {
            assertThat(raw[i * 4 + i]).isEqualTo(1f);
            for (int j = 0; j < 4; j++) {
                assertThat(raw[i * 4 + j]).isEqualTo(raw[j * 4 + i]);
                assertThat((double) raw[i * 4 + j]).isCloseTo(rp[i][j], within(1e-7));
            }
        }
        assertPlane(e.encode(closes(10, 12, 14, 11)), 2, minMax(resize(rp, 8, 8)));
    }

    @Test
    void segFoldsByPeriodPadsWithTheLastValueAndResizes() {
        // x = 0, 0.5, 1, 0.25, 0.75 with period 2: rows [0, 0.5], [1, 0.25], [0.75, 0.75 (padded)].
        VisionEncoder e = new VisionEncoder(new VisionConfig(5, 8, 8, SourceSeries.CLOSE, 2, 1.0));
        float[] img = e.encode(closes(10, 12, 14, 11, 13));
        double[][] seg = {{0, 0.5}, {1, 0.25}, {0.75, 0.75}};
        assertPlane(img, 0, minMax(resize(seg, 8, 8)));
    }

    @Test
    void imagesAreInTheUnitIntervalAndEachViewSpansIt() {
        VisionEncoder e = new VisionEncoder(VisionConfig.compact());
        float[] img = e.encode(walk(300, 1));
        int plane = 64 * 64;
        for (int c = 0; c < 3; c++) {
            float lo = 1;
            float hi = 0;
            for (int i = 0; i < plane; i++) {
                lo = Math.min(lo, img[c * plane + i]);
                hi = Math.max(hi, img[c * plane + i]);
            }
            assertThat(lo).isEqualTo(0f);
            assertThat(hi).isEqualTo(1f);
        }
    }

    @Test
    void aConstantWindowGivesHalfEverywhere() {
        double[] c = new double[100];
        Arrays.fill(c, 1.1);
        float[] img = new VisionEncoder(VisionConfig.compact()).encode(closes(c));
        for (float v : img) {
            assertThat(v).isEqualTo(0.5f);
        }
    }

    @Test
    void anAffineChangeOfPricesLeavesTheImageUnchanged() {
        BarSeries s = walk(200, 2);
        BarSeries.Builder b = BarSeries.builder("EURUSD", s.timeframe(), s.size());
        for (int i = 0; i < s.size(); i++) {
            b.add(s.ts(i), 3 * s.open(i) + 7, 3 * s.high(i) + 7, 3 * s.low(i) + 7, 3 * s.close(i) + 7, s.volume(i));
        }
        BarSeries t = b.build();
        for (SourceSeries src : SourceSeries.values()) {
            VisionEncoder e = new VisionEncoder(VisionConfig.compact().withSource(src));
            float[] a = e.encode(s);
            float[] c = e.encode(t);
            for (int i = 0; i < a.length; i++) {
                assertThat(c[i]).as("%s pixel %d", src, i).isCloseTo(a[i], within(1e-4f));
            }
        }
    }

    @Test
    void changingBarsAfterTheWindowChangesNothing() {
        BarSeries s = walk(400, 3);
        BarSeries.Builder b = BarSeries.builder("EURUSD", s.timeframe(), s.size());
        for (int i = 0; i < s.size(); i++) {
            double k = i > 250 ? 1.5 : 1.0;
            b.add(s.ts(i), s.open(i) * k, s.high(i) * k, s.low(i) * k, s.close(i) * k, s.volume(i) * k);
        }
        BarSeries changed = b.build();
        VisionEncoder e = new VisionEncoder(VisionConfig.compact().withSource(SourceSeries.MEAN_OHLCV));
        float[] before = new float[64 * 64 * 3];
        float[] after = new float[64 * 64 * 3];
        e.encode(s, 250, before, 0);
        e.encode(changed, 250, after, 0);
        assertThat(after).containsExactly(before);
        e.encode(changed, 251, after, 0);
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void batchAndThreadedEncodingEqualOneByOne() {
        BarSeries s = walk(600, 4);
        VisionConfig cfg = VisionConfig.compact();
        int[] ends = new int[40];
        for (int k = 0; k < ends.length; k++) {
            ends[k] = 99 + k * 12;
        }
        float[] single = new float[ends.length * cfg.imageFloats()];
        VisionEncoder one = new VisionEncoder(cfg);
        for (int k = 0; k < ends.length; k++) {
            one.encode(s, ends[k], single, k * cfg.imageFloats());
        }
        float[] batch = new float[single.length];
        new BatchVisionEncoder(cfg).encode(s, ends, ends.length, batch);
        assertThat(batch).containsExactly(single);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            float[] threaded = new float[single.length];
            new BatchVisionEncoder(cfg, 3, pool).encode(s, ends, ends.length, threaded);
            assertThat(threaded).containsExactly(single);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void badInputGetsAClearError() {
        VisionEncoder e = new VisionEncoder(VisionConfig.compact());
        assertThatThrownBy(() -> e.encode(walk(50, 1))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("100 bars").hasMessageContaining("50 bars");
        double[] c = new double[100];
        Arrays.fill(c, 1.1);
        c[40] = Double.NaN;
        assertThatThrownBy(() -> e.encode(closes(c))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("NaN").hasMessageContaining("close");
        assertThatThrownBy(() -> VisionConfig.square(100, 7)).hasMessageContaining("7").hasMessageContaining("[8, 1024]");
        assertThatThrownBy(() -> VisionConfig.square(100, 1025)).hasMessageContaining("1025");
        assertThatThrownBy(() -> SourceSeries.parse("median")).hasMessageContaining("'median'");
        assertThatThrownBy(() -> new BatchVisionEncoder(VisionConfig.compact()).encode(walk(200, 1), new int[]{150}, 1,
                new float[10])).hasMessageContaining("cannot hold");
    }

    @Test
    void pngExportWritesGreyViewsAndTheComposite(@TempDir Path dir) throws Exception {
        VisionEncoder e = new VisionEncoder(VisionConfig.compact());
        float[] img = e.encode(walk(120, 5));
        VisionPng.write(img, 0, 64, 64, dir);
        for (String f : VisionPng.FILES) {
            BufferedImage read = ImageIO.read(dir.resolve(f).toFile());
            assertThat(read.getWidth()).isEqualTo(64);
            assertThat(read.getHeight()).isEqualTo(64);
        }
        BufferedImage gaf = ImageIO.read(dir.resolve("gaf.png").toFile());
        assertThat(gaf.getRaster().getSample(10, 3, 0)).isEqualTo(Math.round(img[64 * 64 + 3 * 64 + 10] * 255));
        BufferedImage rgb = ImageIO.read(dir.resolve("rgb.png").toFile());
        int px = rgb.getRGB(5, 7);
        assertThat((px >> 16) & 0xff).isEqualTo(Math.round(img[7 * 64 + 5] * 255));
        assertThat(px & 0xff).isEqualTo(Math.round(img[2 * 64 * 64 + 7 * 64 + 5] * 255));
    }
}
