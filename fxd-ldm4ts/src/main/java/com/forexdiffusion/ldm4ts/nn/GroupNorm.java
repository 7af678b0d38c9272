package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.ndarray.types.Shape;

/**
 * Group normalisation over [N, C, ...]: each of G channel groups is normalised by its own mean and biased
 * variance, then scaled per channel ({@code name.weight}, {@code name.bias}).
 */
public final class GroupNorm {
    private final int groups;
    private final float eps;
    private final NDArray gamma;
    private final NDArray beta;

    public GroupNorm(Params p, String name, int groups, int channels, float eps) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException(name + ": " + channels + " channels do not split into " + groups
                    + " groups");
        }
        this.groups = groups;
        this.eps = eps;
        this.gamma = p.create(name + ".weight", new Shape(channels), Params.Init.ONES);
        this.beta = p.create(name + ".bias", new Shape(channels), Params.Init.ZEROS);
    }

    public NDArray forward(NDArray x) {
        return normalize(x, groups, eps, gamma, beta);
    }

    /** The group norm itself, for tests and callers without parameters (gamma and beta may be null). */
    public static NDArray normalize(NDArray x, int groups, float eps, NDArray gamma, NDArray beta) {
        Shape shape = x.getShape();
        long n = shape.get(0);
        long c = shape.get(1);
        // Each group is one row of [N, G, C/G·spatial]: the engine's fused layer norm over that row is the group
        // norm (mean and biased variance per group), in two passes instead of the nine of hand-written ops.
        NDArray g = x.reshape(n, groups, -1);
        long d = g.getShape().get(2);
        NDManager m = x.getManager();
        NDArray y = LayerNorm.layerNorm(g, new Shape(d), m.ones(new Shape(d), x.getDataType()),
                m.zeros(new Shape(d), x.getDataType()), eps).singletonOrThrow().reshape(shape);
        if (gamma == null) {
            return y;
        }
        long[] affine = new long[shape.dimension()];
        java.util.Arrays.fill(affine, 1);
        affine[1] = c;
        Shape s = new Shape(affine);
        return y.mul(gamma.reshape(s)).add(beta.reshape(s));
    }
}
