package com.forexdiffusion.ldm4ts.conditioning;

import com.forexdiffusion.ldm4ts.nn.Tensors;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.ldm4ts.nn.LinearLayer;
import com.forexdiffusion.ldm4ts.nn.Params;
import com.forexdiffusion.ldm4ts.nn.Silu;

/**
 * The frequency conditioning (SPEC §4 (a)): the real DFT of each normalised input feature, magnitude and phase
 * flattened, an MLP ({@code mlp.0}, SiLU, {@code mlp.2}) to {@code tokens} conditioning tokens of width d.
 */
public final class FrequencyConditioner {
    private final int features;
    private final int length;
    private final int bins;
    private final int tokens;
    private final int width;
    private final LinearLayer fc1;
    private final LinearLayer fc2;

    public FrequencyConditioner(Params p, String prefix, int features, int length, int hidden, int tokens, int width) {
        this.features = features;
        this.length = length;
        this.bins = length / 2 + 1;
        this.tokens = tokens;
        this.width = width;
        this.fc1 = new LinearLayer(p, Params.name(prefix, "mlp.0"), features * bins * 2, hidden, true);
        this.fc2 = new LinearLayer(p, Params.name(prefix, "mlp.2"), hidden, tokens * width, true);
    }

    public int inputSize() {
        return features * bins * 2;
    }

    /**
     * @param series [B][features · length], feature-major per example
     * @return [B, tokens, width]
     */
    public NDArray forward(NDManager m, float[][] series) {
        int b = series.length;
        float[] spectra = new float[b * inputSize()];
        for (int i = 0; i < b; i++) {
            spectrum(series[i], length, features, spectra, i * inputSize());
        }
        NDArray x = Tensors.of(m, spectra, new Shape(b, inputSize()));
        return fc2.forward(Silu.apply(fc1.forward(x))).reshape(b, tokens, width);
    }

    /**
     * Magnitude (divided by n) then phase of the DFT bins 0 … n/2 of each feature, written at {@code offset}.
     */
    public static void spectrum(float[] series, int n, int features, float[] out, int offset) {
        int bins = n / 2 + 1;
        int o = offset;
        for (int f = 0; f < features; f++) {
            int base = f * n;
            for (int k = 0; k < bins; k++) {
                double re = 0;
                double im = 0;
                for (int t = 0; t < n; t++) {
                    double a = -2 * Math.PI * k * t / n;
                    re += series[base + t] * Math.cos(a);
                    im += series[base + t] * Math.sin(a);
                }
                out[o + k] = (float) (Math.hypot(re, im) / n);
                out[o + bins + k] = (float) Math.atan2(im, re);
            }
            o += 2 * bins;
        }
    }
}
