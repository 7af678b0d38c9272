package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Creates engine tensors from Java arrays. DJL's PyTorch engine wraps the direct buffer it copies a Java array
 * into without taking ownership, so a tensor kept for the backward pass could read freed memory once that buffer
 * is collected (gradients turned NaN at random). The copy made here is owned by libtorch.
 */
public final class Tensors {
    private Tensors() {
    }

    public static NDArray of(NDManager m, float[] values, Shape shape) {
        try (NDArray view = m.create(values, shape)) {
            return view.duplicate();
        }
    }

    /** Every element of the tensor: for in-place copies that keep the tensor's own storage. */
    public static final ai.djl.ndarray.index.NDIndex ALL = new ai.djl.ndarray.index.NDIndex("...");

    /**
     * Copies {@code src} into {@code dst} in place. {@code NDArray.set(Buffer)} is not used anywhere: in DJL's
     * PyTorch engine it points the tensor at a Java buffer that can be freed while the tensor lives on.
     */
    public static void copy(NDArray src, NDArray dst) {
        dst.set(ALL, src);
    }

    /** Sets every element to zero in place, whatever (even NaN) it held. */
    public static void zero(NDArray a) {
        a.set(ALL, 0f);
    }

    /** Token ids [B][n] as one [B, n] tensor. */
    public static NDArray tokens(NDManager m, int[][] tokens) {
        int b = tokens.length;
        int n = tokens[0].length;
        int[] flat = new int[b * n];
        for (int i = 0; i < b; i++) {
            System.arraycopy(tokens[i], 0, flat, i * n, n);
        }
        return of(m, flat, new Shape(b, n));
    }

    public static NDArray of(NDManager m, int[] values, Shape shape) {
        try (NDArray view = m.create(values, shape)) {
            return view.duplicate();
        }
    }
}
