package com.forexdiffusion.ldm4ts.fusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import com.forexdiffusion.ldm4ts.nn.Conv2dLayer;
import com.forexdiffusion.ldm4ts.nn.LinearLayer;
import com.forexdiffusion.ldm4ts.nn.Params;
import com.forexdiffusion.ldm4ts.nn.Silu;

/**
 * The gated temporal fusion head (SPEC §4): an explicit pathway (DLinear's linear map or a PatchTST encoder of the
 * normalised lookback, {@code explicit}), an implicit pathway reading latents through a strided convolution and an
 * MLP ({@code implicit.*}), and a learned sigmoid gate: y = g ⊙ explicit + (1 − g) ⊙ implicit, in normalised log
 * returns per horizon.
 * <p>
 * In the residual form (new models) the implicit pathway reads the denoised <em>and</em> the clean latent and
 * forecasts a correction r to the explicit forecast, implicit = explicit + r, so y = explicit + (1 − g) ⊙ r with one
 * gate per output step ({@code gate_logit}, started at 2: g ≈ 0.88). Its read-out starts at zero, so the model
 * starts exactly at its explicit pathway and the diffusion branch can only move it where training finds that it
 * helps. The original form (older checkpoints) reads the denoised latent and mixes two free pathways by a gate
 * computed from both ({@code gate}).
 * <p>
 * With a {@link SampleHead} the fused value is the centre of a predictive distribution: each Monte Carlo sample
 * adds the head's draw for its own noise, read from the lookback and the implicit features.
 */
public final class TemporalFusion {
    static final float GATE_START = 2f;
    private final ExplicitPathway explicit;
    private final Conv2dLayer implicitConv;
    private final LinearLayer implicitFc1;
    private final LinearLayer implicitFc2;
    private final LinearLayer gate;
    private final NDArray gateLogit;
    private final SampleHead head;
    private final Spec spec;

    /** Which pathways feed the output; EXPLICIT_ONLY is the ablation that asks whether diffusion earns its cost. */
    public enum Mode { GATED, EXPLICIT_ONLY, IMPLICIT_ONLY }

    /**
     * The head's sizes and form.
     *
     * @param headNoise noise inputs of the sample head; 0 for none (a point forecast per denoised latent). The
     *                  explicit-only ablation never has one: it is the point forecaster the ablation measures.
     * @param patchTst  the PatchTST explicit pathway instead of the linear map
     * @param residual  the residual form (see the class comment); false for checkpoints that predate it
     * @param level     the linear pathway also reads the window's level, one column after the lookback
     */
    public record Spec(int lookback, int latentChannels, int latentSize, int hidden, int horizons, Mode mode,
                       int headNoise, boolean patchTst, boolean residual, boolean level) {
        public Spec(int lookback, int latentChannels, int latentSize, int hidden, int horizons, Mode mode,
                    int headNoise, boolean patchTst, boolean residual) {
            this(lookback, latentChannels, latentSize, hidden, horizons, mode, headNoise, patchTst, residual, false);
        }

        /** Columns of the explicit pathway's input: the lookback and, when read, the level. */
        public int inputs() {
            return level ? lookback + 1 : lookback;
        }
    }

    /** The fused forecast of each row and the features the sample head reads. */
    public record Fused(NDArray centre, NDArray features) {
    }

    public TemporalFusion(Params p, String prefix, Spec spec) {
        this.spec = spec;
        String e = Params.name(prefix, "explicit");
        this.explicit = spec.patchTst() ? new PatchTstPathway(p, e, spec.lookback(), spec.horizons())
                : new LinearPathway(p, e, spec.inputs(), spec.horizons());
        int in = spec.residual() ? 2 * spec.latentChannels() : spec.latentChannels();
        int convChannels = 4 * spec.latentChannels();
        this.implicitConv = new Conv2dLayer(p, Params.name(prefix, "implicit.conv"), in, convChannels, 3, 2, 1);
        int half = (spec.latentSize() + 1) / 2;
        int h = spec.hidden();
        this.implicitFc1 = new LinearLayer(p, Params.name(prefix, "implicit.fc1"), convChannels * half * half, h, true);
        String fc2 = Params.name(prefix, "implicit.fc2");
        this.implicitFc2 = spec.residual() ? LinearLayer.zeros(p, fc2, h, spec.horizons())
                : new LinearLayer(p, fc2, h, spec.horizons(), true);
        if (spec.residual()) {
            this.gate = null;
            String name = Params.name(prefix, "gate_logit");
            this.gateLogit = p.create(name, new Shape(spec.horizons()), Params.Init.ONES);
            p.assign(name, new Shape(spec.horizons()), filled(spec.horizons(), GATE_START));
        } else {
            this.gate = new LinearLayer(p, Params.name(prefix, "gate"), 2 * spec.horizons(), spec.horizons(), true);
            this.gateLogit = null;
        }
        this.head = spec.headNoise() > 0 && spec.mode() != Mode.EXPLICIT_ONLY
                ? new SampleHead(p, Params.name(prefix, "sample_head"), spec.lookback(), spec.lookback() + h,
                        spec.headNoise(), h, spec.horizons())
                : null;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** True when samples get their spread from the sample head. */
    public boolean hasSampleHead() {
        return head != null;
    }

    public int headNoise() {
        return head == null ? 0 : head.noiseDim();
    }

    public ExplicitPathway explicit() {
        return explicit;
    }

    /** The explicit pathway's forecast alone [B, horizons]. */
    public NDArray forwardExplicit(NDArray lookback) {
        return explicit.forward(lookback);
    }

    /**
     * The fused forecast and, for the sample head, [lookback, implicit hidden] per row.
     *
     * @param lookback [B, inputs] normalised lookback (and level)
     * @param denoised [B, C, h, w] denoised latent
     * @param clean    [B, C, h, w] the window's own (clean) latent, read by the residual form only
     */
    public Fused fuse(NDArray lookback, NDArray denoised, NDArray clean) {
        NDArray e = explicit.forward(lookback);
        if (spec.mode() == Mode.EXPLICIT_ONLY) {
            return new Fused(e, null);
        }
        NDArray latent = spec.residual() ? NDArrays.concat(new NDList(denoised, clean), 1) : denoised;
        NDArray h = Silu.apply(implicitConv.forward(latent));
        NDArray hidden = Silu.apply(implicitFc1.forward(h.reshape(h.getShape().get(0), -1)));
        NDArray i = implicitFc2.forward(hidden);
        // The level is the linear map's alone: a head that read it learnt the training months' reversion to their
        // mean, which the ETTh1 test months did not follow (docs/evaluation.md).
        NDArray returns = spec.level() ? lookback.get(new NDIndex(":, :" + spec.lookback())) : lookback;
        NDArray features = head == null ? null : NDArrays.concat(new NDList(returns, hidden), 1);
        if (spec.mode() == Mode.IMPLICIT_ONLY) {
            return new Fused(i, features);
        }
        if (spec.residual()) {
            NDArray keep = Activation.sigmoid(gateLogit).neg().add(1f);
            return new Fused(e.add(i.mul(keep)), features);
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
