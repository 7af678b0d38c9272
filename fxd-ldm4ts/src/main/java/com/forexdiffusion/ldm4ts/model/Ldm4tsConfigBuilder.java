package com.forexdiffusion.ldm4ts.model;

import com.forexdiffusion.ldm4ts.fusion.TemporalFusion;
import com.forexdiffusion.ldm4ts.unet.UnetConfig;
import com.forexdiffusion.ldm4ts.vae.VaeConfig;

import java.util.List;

/** Named setters for {@link Ldm4tsConfig}, with the defaults every new model gets; {@link #build()} validates. */
public final class Ldm4tsConfigBuilder {
    String profile = Profile.COMPACT.cliName();
    String symbol;
    String timeframe;
    int lookback = 100;
    List<Integer> horizons;
    int imageSize = 64;
    VaeConfig vae;
    String vaePath;
    String clipPath;
    UnetConfig unet;
    int contextDim;
    TextConfig text;
    int frequencyTokens = 4;
    int frequencyHidden = 256;
    DiffusionConfig diffusion;
    int fusionHidden = 128;
    TemporalFusion.Mode fusionMode = TemporalFusion.Mode.GATED;
    String explicitPathway = Ldm4tsConfig.EXPLICIT_LINEAR;
    String explicitFit = Ldm4tsConfig.FIT_TRAINED;
    String explicitInput = Ldm4tsConfig.INPUT_RETURNS;
    String instanceNorm = Ldm4tsConfig.INSTANCE_NONE;
    String fusionForm = Ldm4tsConfig.FUSION_MIX;
    double lossLambda = 1.0;
    String loss = Ldm4tsConfig.LOSS_CRPS;
    int headNoise = 16;
    int monteCarloSamples = 50;
    Normalisation normalisation;
    List<Double> shrinkage;
    List<Double> branchShrinkage;
    DataRange data;
    long seed;
    String codeVersion;

    Ldm4tsConfigBuilder() {
    }

    public Ldm4tsConfigBuilder profile(String v) { profile = v; return this; }
    public Ldm4tsConfigBuilder symbol(String v) { symbol = v; return this; }
    public Ldm4tsConfigBuilder timeframe(String v) { timeframe = v; return this; }
    public Ldm4tsConfigBuilder lookback(int v) { lookback = v; return this; }
    public Ldm4tsConfigBuilder horizons(List<Integer> v) { horizons = v; return this; }
    public Ldm4tsConfigBuilder imageSize(int v) { imageSize = v; return this; }
    public Ldm4tsConfigBuilder vae(VaeConfig v) { vae = v; return this; }
    public Ldm4tsConfigBuilder vaePath(String v) { vaePath = v; return this; }
    public Ldm4tsConfigBuilder clipPath(String v) { clipPath = v; return this; }
    /** The U-Net; the conditioning width follows its cross-attention width. */
    public Ldm4tsConfigBuilder unet(UnetConfig v) { unet = v; contextDim = v.crossAttentionDim(); return this; }
    public Ldm4tsConfigBuilder contextDim(int v) { contextDim = v; return this; }
    public Ldm4tsConfigBuilder text(TextConfig v) { text = v; return this; }
    public Ldm4tsConfigBuilder frequencyTokens(int v) { frequencyTokens = v; return this; }
    public Ldm4tsConfigBuilder frequencyHidden(int v) { frequencyHidden = v; return this; }
    public Ldm4tsConfigBuilder diffusion(DiffusionConfig v) { diffusion = v; return this; }
    public Ldm4tsConfigBuilder fusionHidden(int v) { fusionHidden = v; return this; }
    public Ldm4tsConfigBuilder fusionMode(TemporalFusion.Mode v) { fusionMode = v; return this; }
    public Ldm4tsConfigBuilder explicitPathway(String v) { explicitPathway = v; return this; }
    public Ldm4tsConfigBuilder explicitFit(String v) { explicitFit = v; return this; }
    public Ldm4tsConfigBuilder explicitInput(String v) { explicitInput = v; return this; }
    public Ldm4tsConfigBuilder instanceNorm(String v) { instanceNorm = v; return this; }
    public Ldm4tsConfigBuilder fusionForm(String v) { fusionForm = v; return this; }
    public Ldm4tsConfigBuilder lossLambda(double v) { lossLambda = v; return this; }
    public Ldm4tsConfigBuilder loss(String v) { loss = v; return this; }
    public Ldm4tsConfigBuilder headNoise(int v) { headNoise = v; return this; }
    public Ldm4tsConfigBuilder monteCarloSamples(int v) { monteCarloSamples = v; return this; }
    public Ldm4tsConfigBuilder normalisation(Normalisation v) { normalisation = v; return this; }
    public Ldm4tsConfigBuilder shrinkage(List<Double> v) { shrinkage = v; return this; }
    public Ldm4tsConfigBuilder branchShrinkage(List<Double> v) { branchShrinkage = v; return this; }
    public Ldm4tsConfigBuilder data(DataRange v) { data = v; return this; }
    public Ldm4tsConfigBuilder seed(long v) { seed = v; return this; }
    public Ldm4tsConfigBuilder codeVersion(String v) { codeVersion = v; return this; }

    public Ldm4tsConfig build() {
        return new Ldm4tsConfig(profile, symbol, timeframe, lookback, horizons, imageSize, vae, vaePath, clipPath,
                unet, contextDim, text, frequencyTokens, frequencyHidden, diffusion, fusionHidden, fusionMode,
                explicitPathway, explicitFit, explicitInput, instanceNorm, fusionForm, lossLambda, loss, headNoise,
                monteCarloSamples, normalisation, shrinkage, branchShrinkage, data, seed, codeVersion);
    }
}
