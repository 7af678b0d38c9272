package com.forexdiffusion.vision;

/**
 * Bilinear resampling exactly as PyTorch's {@code interpolate(mode="bilinear", align_corners=False,
 * antialias=False)}: half-pixel centres, source coordinate (d + 0.5)·in/out − 0.5 clamped at 0, neighbours
 * clamped at the last index. Index and weight tables are computed once per size pair; resizing allocates nothing.
 */
final class BilinearResize {
    final int inH;
    final int inW;
    final int outH;
    final int outW;
    private final int[] y0;
    private final int[] y1;
    private final float[] wy;
    private final int[] x0;
    private final int[] x1;
    private final float[] wx;
    /** Horizontal pass result, inH × outW. */
    private final float[] tmp;

    BilinearResize(int inH, int inW, int outH, int outW) {
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
        y0 = new int[outH];
        y1 = new int[outH];
        wy = new float[outH];
        x0 = new int[outW];
        x1 = new int[outW];
        wx = new float[outW];
        table(inH, outH, y0, y1, wy);
        table(inW, outW, x0, x1, wx);
        tmp = new float[inH * outW];
    }

    /** PyTorch's area_pixel_compute_source_index for linear modes without align_corners. */
    static double sourceIndex(int dst, int in, int out) {
        double src = ((double) in / out) * (dst + 0.5) - 0.5;
        return src < 0 ? 0 : src;
    }

    private static void table(int in, int out, int[] i0, int[] i1, float[] w) {
        for (int d = 0; d < out; d++) {
            double src = sourceIndex(d, in, out);
            int lo = (int) src;
            i0[d] = lo;
            i1[d] = lo < in - 1 ? lo + 1 : lo;
            w[d] = (float) (src - lo);
        }
    }

    /** Interpolates a vector of inH values to outH values (the row direction). */
    void resizeRows(float[] v, float[] out) {
        for (int r = 0; r < outH; r++) {
            float a = v[y0[r]];
            out[r] = a + wy[r] * (v[y1[r]] - a);
        }
    }

    /** Interpolates a vector of inW values to outW values (the column direction). */
    void resizeCols(float[] v, float[] out) {
        for (int c = 0; c < outW; c++) {
            float a = v[x0[c]];
            out[c] = a + wx[c] * (v[x1[c]] - a);
        }
    }

    /** Resizes {@code src} (inH × inW, row-major) into {@code dst} at {@code off} (outH × outW). */
    void resize(float[] src, float[] dst, int off) {
        for (int r = 0; r < inH; r++) {
            int row = r * inW;
            int t = r * outW;
            for (int c = 0; c < outW; c++) {
                float a = src[row + x0[c]];
                float b = src[row + x1[c]];
                tmp[t + c] = a + wx[c] * (b - a);
            }
        }
        for (int r = 0; r < outH; r++) {
            int ra = y0[r] * outW;
            int rb = y1[r] * outW;
            float w = wy[r];
            int o = off + r * outW;
            for (int c = 0; c < outW; c++) {
                float a = tmp[ra + c];
                dst[o + c] = a + w * (tmp[rb + c] - a);
            }
        }
    }
}
