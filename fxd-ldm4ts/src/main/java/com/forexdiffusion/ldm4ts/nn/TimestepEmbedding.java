package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Sinusoidal timestep features (diffusers' {@code get_timestep_embedding} with flip_sin_to_cos = true and
 * downscale_freq_shift = 0: [cos(t·f_i), sin(t·f_i)], f_i = 10000^(−i/half)) followed by the MLP
 * {@code linear_1} → SiLU → {@code linear_2}.
 */
public final class TimestepEmbedding {
    private final int features;
    private final LinearLayer linear1;
    private final LinearLayer linear2;

    public TimestepEmbedding(Params p, String prefix, int features, int dim) {
        this.features = features;
        this.linear1 = new LinearLayer(p, Params.name(prefix, "linear_1"), features, dim, true);
        this.linear2 = new LinearLayer(p, Params.name(prefix, "linear_2"), dim, dim, true);
    }

    public NDArray forward(NDManager m, int[] timesteps) {
        double[] t = new double[timesteps.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = timesteps[i];
        }
        return linear2.forward(Silu.apply(linear1.forward(sinusoidal(m, t, features))));
    }

    /** The raw [B, dim] features (dim even). */
    public static NDArray sinusoidal(NDManager m, double[] timesteps, int dim) {
        int half = dim / 2;
        float[] out = new float[timesteps.length * dim];
        for (int b = 0; b < timesteps.length; b++) {
            for (int i = 0; i < half; i++) {
                double arg = timesteps[b] * Math.exp(-Math.log(10000.0) * i / half);
                out[b * dim + i] = (float) Math.cos(arg);
                out[b * dim + half + i] = (float) Math.sin(arg);
            }
        }
        return Tensors.of(m, out, new Shape(timesteps.length, dim));
    }
}
