package com.forexdiffusion.ldm4ts.fusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import com.forexdiffusion.ldm4ts.nn.Conv2dLayer;
import com.forexdiffusion.ldm4ts.nn.LinearLayer;
import com.forexdiffusion.ldm4ts.nn.Params;
import com.forexdiffusion.ldm4ts.nn.Silu;

/**
 * The gated temporal fusion head (SPEC §4): an explicit pathway, a linear map of the normalised lookback to the
 * horizons as in DLinear ({@code explicit}); an implicit pathway reading the denoised latent through a strided
 * convolution and an MLP ({@code implicit.*}); and a learned sigmoid gate over both ({@code gate}):
 * y = g ⊙ explicit + (1 − g) ⊙ implicit, in normalised log returns per horizon.
 * <p>
 * With a {@link SampleHead} the fused value is the centre of a predictive distribution: each Monte Carlo sample
 * adds the head's draw for its own noise, read from the lookback and the implicit features.
 */
public final class TemporalFusion {
    private final LinearLayer explicit;
    private final Conv2dLayer implicitConv;
    private final LinearLayer implicitFc1;
    private final LinearLayer implicitFc2;
    private final LinearLayer gate;
    private final SampleHead head;
    private final Mode mode;

    /** Which pathways feed the output; EXPLICIT_ONLY is the ablation that asks whether diffusion earns its cost. */
    public enum Mode { GATED, EXPLICIT_ONLY, IMPLICIT_ONLY }

    /** The fused forecast of each row and the features the sample head reads. */
    public record Fused(NDArray centre, NDArray features) {
    }

    /**
     * @param headNoise noise inputs of the sample head; 0 for none (a point forecast per denoised latent). The
     *                  explicit-only ablation never has one: it is the point forecaster the ablation measures.
     */
    public TemporalFusion(Params p, String prefix, int lookback, int latentChannels, int latentSize, int hidden,
                          int horizons, Mode mode, int headNoise) {
        this.mode = mode;
        this.explicit = new LinearLayer(p, Params.name(prefix, "explicit"), lookback, horizons, true);
        int convChannels = 4 * latentChannels;
        this.implicitConv = new Conv2dLayer(p, Params.name(prefix, "implicit.conv"), latentChannels, convChannels, 3, 2, 1);
        int half = (latentSize + 1) / 2;
        this.implicitFc1 = new LinearLayer(p, Params.name(prefix, "implicit.fc1"), convChannels * half * half, hidden, true);
        this.implicitFc2 = new LinearLayer(p, Params.name(prefix, "implicit.fc2"), hidden, horizons, true);
        this.gate = new LinearLayer(p, Params.name(prefix, "gate"), 2 * horizons, horizons, true);
        this.head = headNoise > 0 && mode != Mode.EXPLICIT_ONLY
                ? new SampleHead(p, Params.name(prefix, "sample_head"), lookback, lookback + hidden, headNoise, hidden,
                        horizons)
                : null;
    }

    /** True when samples get their spread from the sample head. */
    public boolean hasSampleHead() {
        return head != null;
    }

    public int headNoise() {
        return head == null ? 0 : head.noiseDim();
    }

    /**
     * @param lookback [B, L] normalised lookback
     * @param latent   [B, C, h, w] denoised latent (ignored in EXPLICIT_ONLY mode)
     * @return [B, horizons]
     */
    public NDArray forward(NDArray lookback, NDArray latent) {
        return fuse(lookback, latent).centre();
    }

    /** The fused forecast and, for the sample head, [lookback, implicit hidden] per row. */
    public Fused fuse(NDArray lookback, NDArray latent) {
        NDArray e = explicit.forward(lookback);
        if (mode == Mode.EXPLICIT_ONLY) {
            return new Fused(e, null);
        }
        NDArray h = Silu.apply(implicitConv.forward(latent));
        NDArray hidden = Silu.apply(implicitFc1.forward(h.reshape(h.getShape().get(0), -1)));
        NDArray i = implicitFc2.forward(hidden);
        NDArray features = head == null ? null : NDArrays.concat(new NDList(lookback, hidden), 1);
        if (mode == Mode.IMPLICIT_ONLY) {
            return new Fused(i, features);
        }
        NDArray g = Activation.sigmoid(gate.forward(NDArrays.concat(new NDList(e, i), 1)));
        return new Fused(g.mul(e).add(g.neg().add(1f).mul(i)), features);
    }

    /**
     * Samples: row r of the result is {@code centre[r / per] + head(features[r / per], noise[r])}.
     *
     * @param per   samples per fused row
     * @param noise [rows · per, headNoise] standard normal noise
     */
    public NDArray sample(Fused fused, int per, NDArray noise) {
        NDArray centre = fused.centre().repeat(0, per);
        return head == null ? centre : centre.add(head.forward(fused.features(), per, noise));
    }
}
