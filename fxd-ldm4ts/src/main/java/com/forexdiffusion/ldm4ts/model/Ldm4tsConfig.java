package com.forexdiffusion.ldm4ts.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ldm4ts.fusion.TemporalFusion;
import com.forexdiffusion.ldm4ts.unet.UnetConfig;
import com.forexdiffusion.ldm4ts.vae.VaeConfig;
import com.forexdiffusion.vision.VisionConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything that defines one LDM4TS model; it is the checkpoint's {@code config.json}.
 *
 * @param vaePath        a local diffusers VAE folder (paper profile), or null when the VAE is trained (compact)
 * @param clipPath       a local CLIP folder (config.json, model.safetensors, tokenizer.json) whose frozen text
 *                       model encodes the description (paper profile), or null for the trained compact encoder
 * @param normalisation  null until fitted on the training split
 * @param data           null until trained
 * @param loss           the forecast term of the stage-2 loss: "crps" (the fair sample CRPS over several draws per
 *                       window, the default) or "mse" (of every draw, for comparison); null in older checkpoints (mse)
 * @param headNoise      noise inputs of the fusion's sample head (0: none, the spread comes from diffusion alone)
 * @param explicitPathway "linear" (DLinear-style map of the lookback) or "patchtst"; null in older checkpoints
 * @param explicitFit    "trained" (the linear pathway starts at its least-squares fit and trains with the rest; null in
 *                       older checkpoints) or "least-squares" (it stays at that fit: the MSE optimum of the training
 *                       windows, which training by the CRPS, a median-like score, moves away from)
 * @param explicitInput  what the linear pathway reads: "returns" (the lookback's scaled returns, so it forecasts the
 *                       change from the last value; null in older checkpoints), "level" (also the window's level,
 *                       ln(last close) in return-standard-deviation units: with the bias this spans DLinear's map of
 *                       the lookback values, which reads the distance from the training mean) or "both" (the
 *                       average of the two least-squares fits; {@link ExplicitInput})
 * @param instanceNorm   "revin" (each window's lookback returns are divided by their own root mean square and the
 *                       forecast multiplied back, RevIN's reversible instance scale: the spread then follows the
 *                       window's volatility by construction), "session" (the same after the training split's
 *                       intraday volatility profile is divided out of each bar; the forecast is multiplied back by
 *                       the profile over the bars ahead) or "none" (null in older checkpoints)
 * @param fusionForm     "mix" (default; null in older checkpoints) or "residual" (the implicit pathway corrects the
 *                       explicit one and the model starts exactly at it; it broke the spread on the known-σ test)
 * @param shrinkage      per horizon, the factor α in [0, 1] the validation split chose for the explicit pathway's
 *                       part of the point forecast (the mean of the samples moves, their spread stays); null: none
 * @param branchShrinkage per horizon, the factor β for what the diffusion branch adds to the explicit forecast
 *                       ({@link Shrinkage}); null in older checkpoints, whose one factor scaled the whole mean (β = α)
 */
public record Ldm4tsConfig(
        String profile,
        String symbol,
        String timeframe,
        int lookback,
        List<Integer> horizons,
        int imageSize,
        VaeConfig vae,
        String vaePath,
        String clipPath,
        UnetConfig unet,
        int contextDim,
        TextConfig text,
        int frequencyTokens,
        int frequencyHidden,
        DiffusionConfig diffusion,
        int fusionHidden,
        TemporalFusion.Mode fusionMode,
        String explicitPathway,
        String explicitFit,
        String explicitInput,
        String instanceNorm,
        String fusionForm,
        double lossLambda,
        String loss,
        int headNoise,
        int monteCarloSamples,
        Normalisation normalisation,
        List<Double> shrinkage,
        List<Double> branchShrinkage,
        DataRange data,
        long seed,
        String codeVersion) {

    /** Inputs to the frequency conditioner per bar: the scaled log return and the close's place in the window. */
    public static final int FREQUENCY_FEATURES = 2;
    public static final String LOSS_CRPS = "crps";
    public static final String LOSS_MSE = "mse";
    public static final String EXPLICIT_LINEAR = "linear";
    public static final String EXPLICIT_PATCHTST = "patchtst";
    public static final String FIT_TRAINED = "trained";
    public static final String FIT_LEAST_SQUARES = "least-squares";
    public static final String INPUT_RETURNS = "returns";
    public static final String INPUT_LEVEL = "level";
    public static final String INPUT_BOTH = "both";
    public static final String INSTANCE_REVIN = "revin";
    public static final String INSTANCE_SESSION = "session";
    public static final String INSTANCE_NONE = "none";
    /** The fusion whose implicit pathway forecasts a correction to the explicit one (see TemporalFusion). */
    public static final String FUSION_RESIDUAL = "residual";
    /** The original fusion: two free pathways mixed by a gate computed from both (the default). */
    public static final String FUSION_MIX = "mix";

    public Ldm4tsConfig {
        horizons = List.copyOf(horizons);
        if (horizons.isEmpty()) {
            throw new IllegalArgumentException("at least one horizon is needed");
        }
        Timeframe tf = Timeframe.parse(timeframe);
        for (int h : horizons) {
            new Horizon(h).bars(tf);
        }
        if (lookback < 8) {
            throw new IllegalArgumentException("lookback must be at least 8 bars, got " + lookback);
        }
        int latent = imageSize / vae.downFactor();
        // The U-Net halves the latent between levels, rounding up, and upsamples back to each skip's size.
        if (latent * vae.downFactor() != imageSize || latent < (1 << (unet.blockOutChannels().size() - 1))) {
            throw new IllegalArgumentException("image size " + imageSize + " does not fit the VAE (×" + vae.downFactor()
                    + ") and U-Net levels (" + unet.blockOutChannels().size() + ")");
        }
        if (loss != null && !LOSS_CRPS.equals(loss) && !LOSS_MSE.equals(loss)) {
            throw new IllegalArgumentException("loss must be crps or mse, got " + loss);
        }
        if (explicitPathway != null && !EXPLICIT_LINEAR.equals(explicitPathway)
                && !EXPLICIT_PATCHTST.equals(explicitPathway)) {
            throw new IllegalArgumentException("explicit pathway must be linear or patchtst, got " + explicitPathway);
        }
        if (explicitFit != null && !FIT_TRAINED.equals(explicitFit) && !FIT_LEAST_SQUARES.equals(explicitFit)) {
            throw new IllegalArgumentException("explicit fit must be trained or least-squares, got " + explicitFit);
        }
        if (FIT_LEAST_SQUARES.equals(explicitFit) && EXPLICIT_PATCHTST.equals(explicitPathway)) {
            throw new IllegalArgumentException("only the linear pathway has a least-squares fit");
        }
        if (explicitInput != null && !List.of(INPUT_RETURNS, INPUT_LEVEL, INPUT_BOTH).contains(explicitInput)) {
            throw new IllegalArgumentException("explicit input must be returns, level or both, got " + explicitInput);
        }
        if (explicitInput != null && !INPUT_RETURNS.equals(explicitInput) && EXPLICIT_PATCHTST.equals(explicitPathway)) {
            throw new IllegalArgumentException("only the linear pathway reads the level");
        }
        if (instanceNorm != null && !List.of(INSTANCE_REVIN, INSTANCE_SESSION, INSTANCE_NONE).contains(instanceNorm)) {
            throw new IllegalArgumentException("instance normalisation must be revin, session or none, got "
                    + instanceNorm);
        }
        if (fusionForm != null && !FUSION_MIX.equals(fusionForm) && !FUSION_RESIDUAL.equals(fusionForm)) {
            throw new IllegalArgumentException("fusion form must be mix or residual, got " + fusionForm);
        }
        if (shrinkage != null) {
            shrinkage = List.copyOf(shrinkage);
            if (shrinkage.size() != horizons.size()) {
                throw new IllegalArgumentException("shrinkage needs one factor per horizon, got " + shrinkage.size());
            }
        }
        if (branchShrinkage != null) {
            branchShrinkage = List.copyOf(branchShrinkage);
            if (shrinkage == null || branchShrinkage.size() != horizons.size()) {
                throw new IllegalArgumentException("branch shrinkage needs the shrinkage and one factor per horizon");
            }
        }
        if (headNoise < 0) {
            throw new IllegalArgumentException("sample head noise must not be negative, got " + headNoise);
        }
        if (unet.crossAttentionDim() != contextDim) {
            throw new IllegalArgumentException("U-Net cross_attention_dim " + unet.crossAttentionDim()
                    + " differs from the conditioning width " + contextDim);
        }
    }

    /** The compact profile of SPEC §4 for one symbol and timeframe. */
    public static Ldm4tsConfig compact(String symbol, Timeframe tf, List<Integer> horizons, long seed) {
        int d = 128;
        return builder().profile(Profile.COMPACT.cliName()).symbol(symbol).timeframe(tf.name()).lookback(100)
                .horizons(horizons).imageSize(64).vae(VaeConfig.compact()).unet(UnetConfig.compact(d)).contextDim(d)
                .text(new TextConfig(TextConfig.COMPACT_TOKENS, 64, 2, 4)).frequencyTokens(4).frequencyHidden(256)
                .diffusion(DiffusionConfig.oneStep()).fusionHidden(128).seed(seed).build();
    }

    /** The paper profile: 224×224, the SD VAE (from {@code vaePath} when given), a large U-Net, 50 DDIM steps. */
    public static Ldm4tsConfig paper(String symbol, Timeframe tf, List<Integer> horizons, long seed, String vaePath,
                                     String clipPath) {
        int d = 768;
        return builder().profile(Profile.PAPER.cliName()).symbol(symbol).timeframe(tf.name()).lookback(100)
                .horizons(horizons).imageSize(224).vae(VaeConfig.stableDiffusion()).vaePath(vaePath).clipPath(clipPath)
                .unet(UnetConfig.paper(d)).contextDim(d).text(new TextConfig(77, 512, 2, 8)).frequencyTokens(4)
                .frequencyHidden(256).diffusion(DiffusionConfig.of(50)).fusionHidden(256).seed(seed).build();
    }

    /** A builder with the defaults every new model gets (gated mix fusion, crps loss, 50 samples). */
    public static Ldm4tsConfigBuilder builder() {
        return new Ldm4tsConfigBuilder();
    }

    /** A builder holding every field of this configuration. */
    public Ldm4tsConfigBuilder toBuilder() {
        Ldm4tsConfigBuilder b = new Ldm4tsConfigBuilder();
        b.profile = profile;
        b.symbol = symbol;
        b.timeframe = timeframe;
        b.lookback = lookback;
        b.horizons = horizons;
        b.imageSize = imageSize;
        b.vae = vae;
        b.vaePath = vaePath;
        b.clipPath = clipPath;
        b.unet = unet;
        b.contextDim = contextDim;
        b.text = text;
        b.frequencyTokens = frequencyTokens;
        b.frequencyHidden = frequencyHidden;
        b.diffusion = diffusion;
        b.fusionHidden = fusionHidden;
        b.fusionMode = fusionMode;
        b.explicitPathway = explicitPathway;
        b.explicitFit = explicitFit;
        b.explicitInput = explicitInput;
        b.instanceNorm = instanceNorm;
        b.fusionForm = fusionForm;
        b.lossLambda = lossLambda;
        b.loss = loss;
        b.headNoise = headNoise;
        b.monteCarloSamples = monteCarloSamples;
        b.normalisation = normalisation;
        b.shrinkage = shrinkage;
        b.branchShrinkage = branchShrinkage;
        b.data = data;
        b.seed = seed;
        b.codeVersion = codeVersion;
        return b;
    }

    @JsonIgnore
    public Profile profileKind() {
        return Profile.parse(profile);
    }

    @JsonIgnore
    public Timeframe timeframeKind() {
        return Timeframe.parse(timeframe);
    }

    @JsonIgnore
    public List<Horizon> horizonList() {
        List<Horizon> out = new ArrayList<>();
        for (int h : horizons) {
            out.add(new Horizon(h));
        }
        return out;
    }

    @JsonIgnore
    public int latentSize() {
        return imageSize / vae.downFactor();
    }

    @JsonIgnore
    public VisionConfig vision() {
        return VisionConfig.square(lookback, imageSize);
    }

    public Ldm4tsConfig withNormalisation(Normalisation n) {
        return toBuilder().normalisation(n).build();
    }

    public Ldm4tsConfig withData(DataRange d, String version) {
        return toBuilder().data(d).codeVersion(version).build();
    }

    public Ldm4tsConfig withFusionMode(TemporalFusion.Mode m) {
        return toBuilder().fusionMode(m).build();
    }

    /** A copy trained with another loss ("crps" or "mse"). */
    public Ldm4tsConfig withLoss(String l) {
        return toBuilder().loss(l).build();
    }

    /** A copy with another sample head width (0 = none) and diffusion path. */
    public Ldm4tsConfig withSampling(int noise, DiffusionConfig d) {
        return toBuilder().headNoise(noise).diffusion(d).build();
    }

    /** A copy whose point forecasts are corrected by these validation factors (null: none). */
    public Ldm4tsConfig withShrinkage(Shrinkage.Factors f) {
        return f == null ? toBuilder().shrinkage(null).branchShrinkage(null).build()
                : toBuilder().shrinkage(f.explicit()).branchShrinkage(f.branch()).build();
    }

    /** The validation split's correction of the point forecast; null when none was fitted. */
    @JsonIgnore
    public Shrinkage.Factors meanCorrection() {
        return shrinkage == null ? null
                : new Shrinkage.Factors(shrinkage, branchShrinkage == null ? shrinkage : branchShrinkage);
    }

    /** The forecast loss, "mse" for checkpoints that predate the choice. */
    @JsonIgnore
    public String lossKind() {
        return loss == null ? LOSS_MSE : loss;
    }

    /** The explicit pathway, "linear" for checkpoints that predate the choice. */
    @JsonIgnore
    public String explicitKind() {
        return explicitPathway == null ? EXPLICIT_LINEAR : explicitPathway;
    }

    /** True when the linear pathway stays at its least-squares fit through stage 2. */
    @JsonIgnore
    public boolean explicitFrozen() {
        return FIT_LEAST_SQUARES.equals(explicitFit);
    }

    /** What the linear pathway reads, "returns" for checkpoints that predate the choice. */
    @JsonIgnore
    public String explicitInputKind() {
        return explicitInput == null ? INPUT_RETURNS : explicitInput;
    }

    /** The width of the explicit pathway's input: the lookback, plus the window's level when it reads one. */
    @JsonIgnore
    public int explicitInputWidth() {
        return INPUT_RETURNS.equals(explicitInputKind()) ? lookback : lookback + 1;
    }

    /** True when each window is scaled by its own volatility (RevIN); false for checkpoints that predate it. */
    @JsonIgnore
    public boolean revin() {
        return INSTANCE_REVIN.equals(instanceNorm) || sessionScaled();
    }

    /** True when the instance scale reads the returns after the intraday volatility profile is divided out. */
    @JsonIgnore
    public boolean sessionScaled() {
        return INSTANCE_SESSION.equals(instanceNorm);
    }

    /** The instance normalisation, "none" for checkpoints that predate the choice. */
    @JsonIgnore
    public String instanceNormKind() {
        return instanceNorm == null ? INSTANCE_NONE : instanceNorm;
    }

    /** True for the residual fusion; checkpoints that predate it (no form recorded) mix the pathways directly. */
    @JsonIgnore
    public boolean residualFusion() {
        return FUSION_RESIDUAL.equals(fusionForm);
    }

    public Ldm4tsConfig withVae(VaeConfig v) {
        return toBuilder().vae(v).build();
    }

    /** A copy with other network sizes, for tests and experiments (everything else kept). */
    public Ldm4tsConfig withSizes(int lookback, int imageSize, VaeConfig vae, UnetConfig unet, TextConfig text,
                                  DiffusionConfig diffusion, int fusionHidden) {
        return toBuilder().lookback(lookback).imageSize(imageSize).vae(vae).unet(unet).text(text).diffusion(diffusion)
                .fusionHidden(fusionHidden).build();
    }
}
