package com.forexdiffusion.ldm4ts.scheduler;

import com.forexdiffusion.ldm4ts.nn.Tensors;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A diffusion noise schedule with its forward process (noising) and one reverse step. Implementations differ
 * in the reverse step only; the forward process is DDPM's.
 */
public interface NoiseScheduler {

    /** T, the number of training timesteps. */
    int trainTimesteps();

    /** ᾱ_t = Π_{i ≤ t} (1 − β_i). */
    double alphaBar(int t);

    /** The inference timesteps, descending, for the given number of steps. */
    int[] timesteps(int steps);

    /**
     * One reverse step from x_t to x_{prev} given the predicted noise.
     *
     * @param prev  the next (smaller) timestep, or −1 for the last step
     * @param noise fresh standard normal noise shaped like x for stochastic steps, or null when none is needed
     */
    NDArray step(NDArray epsPrediction, int t, int prev, NDArray x, NDArray noise);

    /** True when {@link #step} needs fresh noise. */
    boolean stochastic();

    /** x_t = √ᾱ_t · x0 + √(1 − ᾱ_t) · ε, one timestep per example. */
    default NDArray addNoise(NDArray x0, NDArray noise, int[] t) {
        long b = x0.getShape().get(0);
        if (t.length != b) {
            throw new IllegalArgumentException(t.length + " timesteps for a batch of " + b);
        }
        float[] a = new float[t.length];
        float[] s = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            double ab = alphaBar(t[i]);
            a[i] = (float) Math.sqrt(ab);
            s[i] = (float) Math.sqrt(1 - ab);
        }
        Shape col = broadcastShape(x0.getShape());
        NDArray ca = Tensors.of(x0.getManager(), a, col);
        NDArray cs = Tensors.of(x0.getManager(), s, col);
        return x0.mul(ca).add(noise.mul(cs));
    }

    /** x̂0 = (x_t − √(1 − ᾱ_t) ε̂) / √ᾱ_t, one timestep per example. */
    default NDArray predictX0(NDArray xt, NDArray eps, int[] t) {
        float[] a = new float[t.length];
        float[] s = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            double ab = alphaBar(t[i]);
            a[i] = (float) (1 / Math.sqrt(ab));
            s[i] = (float) Math.sqrt(1 - ab);
        }
        Shape col = broadcastShape(xt.getShape());
        return xt.sub(eps.mul(Tensors.of(xt.getManager(), s, col))).mul(Tensors.of(xt.getManager(), a, col));
    }

    private static Shape broadcastShape(Shape s) {
        long[] d = new long[s.dimension()];
        java.util.Arrays.fill(d, 1);
        d[0] = s.get(0);
        return new Shape(d);
    }
}
