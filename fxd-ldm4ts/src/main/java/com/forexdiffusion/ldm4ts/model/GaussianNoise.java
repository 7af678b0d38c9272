package com.forexdiffusion.ldm4ts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.ldm4ts.nn.Tensors;

import java.util.SplittableRandom;

/**
 * Standard normal noise drawn in Java from seeded generators, so that samples do not depend on the engine or the
 * device, and a window's draws depend on its own generator only.
 */
public final class GaussianNoise {
    private GaussianNoise() {
    }

    /** Noise for B · S rows, window i's S rows drawn from its own generator. */
    static NDArray of(NDManager m, Shape shape, SplittableRandom[] perWindow, int samples) {
        int rows = (int) shape.get(0);
        int per = (int) (shape.size() / rows);
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < perWindow.length; i++) {
            fillGaussian(v, i * samples * per, samples * per, perWindow[i]);
        }
        return Tensors.of(m, v, shape);
    }

    /**
     * Antithetic noise for B · S rows of width d: window i's rows come in pairs (ζ, −ζ), ζ drawn from its own
     * generator (an odd last row is drawn fresh), so the first rows of a larger forecast are the rows of a smaller
     * one. Every row is still standard normal, so each sample keeps its distribution, but the error of the mean of a
     * window's samples shrinks as far as the head is odd in its noise: with 50 independent draws whose spread
     * matches the outcome's, 1/50 of the outcome's variance is added to the MSE of the mean forecast, which is the
     * margin by which a forecaster beats or loses to the random walk on FX.
     */
    static NDArray antithetic(NDManager m, int windows, int samples, int d, SplittableRandom[] perWindow) {
        float[] v = new float[windows * samples * d];
        int pairs = samples / 2;
        float[] z = new float[(pairs + 1) * d];
        for (int i = 0; i < windows; i++) {
            fillGaussian(z, 0, pairs * d, perWindow[i]);
            int base = i * samples * d;
            for (int k = 0; k < pairs; k++) {
                for (int j = 0; j < d; j++) {
                    v[base + 2 * k * d + j] = z[k * d + j];
                    v[base + (2 * k + 1) * d + j] = -z[k * d + j];
                }
            }
            if (samples % 2 == 1) {
                fillGaussian(v, base + 2 * pairs * d, d, perWindow[i]);
            }
        }
        return Tensors.of(m, v, new Shape((long) windows * samples, d));
    }

    /** Standard normal noise from a seeded Java generator, so draws do not depend on engine or device. */
    public static NDArray of(NDManager m, Shape shape, SplittableRandom random) {
        float[] v = new float[(int) shape.size()];
        fillGaussian(v, 0, v.length, random);
        return Tensors.of(m, v, shape);
    }

    /** Box–Muller standard normals into v[from, from + n). */
    private static void fillGaussian(float[] v, int from, int n, SplittableRandom random) {
        int end = from + n;
        for (int i = from; i < end; i += 2) {
            double u1 = 1 - random.nextDouble();
            double u2 = random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1));
            v[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < end) {
                v[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
            }
        }
    }
}
