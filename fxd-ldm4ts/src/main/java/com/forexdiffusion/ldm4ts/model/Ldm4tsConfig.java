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
        double lossLambda,
        String loss,
        int headNoise,
        int monteCarloSamples,
        Normalisation normalisation,
        DataRange data,
        long seed,
        String codeVersion) {

    /** Inputs to the frequency conditioner per bar: the scaled log return and the close's place in the window. */
    public static final int FREQUENCY_FEATURES = 2;
    public static final String LOSS_CRPS = "crps";
    public static final String LOSS_MSE = "mse";

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
        return new Ldm4tsConfig(Profile.COMPACT.cliName(), symbol, tf.name(), 100, horizons, 64, VaeConfig.compact(),
                null, null, UnetConfig.compact(d), d, new TextConfig(48, 64, 2, 4), 4, 256, DiffusionConfig.oneStep(), 128,
                TemporalFusion.Mode.GATED, 1.0, LOSS_CRPS, 16, 50, null, null, seed, null);
    }

    /** The paper profile: 224×224, the SD VAE (from {@code vaePath} when given), a large U-Net, 50 DDIM steps. */
    public static Ldm4tsConfig paper(String symbol, Timeframe tf, List<Integer> horizons, long seed, String vaePath,
                                     String clipPath) {
        int d = 768;
        return new Ldm4tsConfig(Profile.PAPER.cliName(), symbol, tf.name(), 100, horizons, 224,
                VaeConfig.stableDiffusion(), vaePath, clipPath, UnetConfig.paper(d), d, new TextConfig(77, 512, 2, 8), 4, 256,
                DiffusionConfig.of(50), 256, TemporalFusion.Mode.GATED, 1.0, LOSS_CRPS, 16, 50, null, null, seed, null);
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
        return new Ldm4tsConfig(profile, symbol, timeframe, lookback, horizons, imageSize, vae, vaePath, clipPath, unet,
                contextDim, text, frequencyTokens, frequencyHidden, diffusion, fusionHidden, fusionMode, lossLambda,
                loss, headNoise, monteCarloSamples, n, data, seed, codeVersion);
    }

    public Ldm4tsConfig withData(DataRange d, String version) {
        return new Ldm4tsConfig(profile, symbol, timeframe, lookback, horizons, imageSize, vae, vaePath, clipPath, unet,
                contextDim, text, frequencyTokens, frequencyHidden, diffusion, fusionHidden, fusionMode, lossLambda,
                loss, headNoise, monteCarloSamples, normalisation, d, seed, version);
    }

    public Ldm4tsConfig withFusionMode(TemporalFusion.Mode m) {
        return new Ldm4tsConfig(profile, symbol, timeframe, lookback, horizons, imageSize, vae, vaePath, clipPath, unet,
                contextDim, text, frequencyTokens, frequencyHidden, diffusion, fusionHidden, m, lossLambda,
                loss, headNoise, monteCarloSamples, normalisation, data, seed, codeVersion);
    }

    /** A copy trained with another loss ("crps" or "mse"). */
    public Ldm4tsConfig withLoss(String l) {
        return new Ldm4tsConfig(profile, symbol, timeframe, lookback, horizons, imageSize, vae, vaePath, clipPath, unet,
                contextDim, text, frequencyTokens, frequencyHidden, diffusion, fusionHidden, fusionMode, lossLambda,
                l, headNoise, monteCarloSamples, normalisation, data, seed, codeVersion);
    }

    /** A copy with another sample head width (0 = none) and diffusion path. */
    public Ldm4tsConfig withSampling(int noise, DiffusionConfig d) {
        return new Ldm4tsConfig(profile, symbol, timeframe, lookback, horizons, imageSize, vae, vaePath, clipPath, unet,
                contextDim, text, frequencyTokens, frequencyHidden, d, fusionHidden, fusionMode, lossLambda,
                loss, noise, monteCarloSamples, normalisation, data, seed, codeVersion);
    }

    /** The forecast loss, "mse" for checkpoints that predate the choice. */
    @JsonIgnore
    public String lossKind() {
        return loss == null ? LOSS_MSE : loss;
    }

    public Ldm4tsConfig withVae(VaeConfig v) {
        return new Ldm4tsConfig(profile, symbol, timeframe, lookback, horizons, imageSize, v, vaePath, clipPath, unet,
                contextDim, text, frequencyTokens, frequencyHidden, diffusion, fusionHidden, fusionMode, lossLambda,
                loss, headNoise, monteCarloSamples, normalisation, data, seed, codeVersion);
    }

    /** A copy with other network sizes, for tests and experiments (everything else kept). */
    public Ldm4tsConfig withSizes(int lookback, int imageSize, VaeConfig vae, UnetConfig unet, TextConfig text,
                                  DiffusionConfig diffusion, int fusionHidden) {
        return new Ldm4tsConfig(profile, symbol, timeframe, lookback, horizons, imageSize, vae, vaePath, clipPath, unet,
                unet.crossAttentionDim(), text, frequencyTokens, frequencyHidden, diffusion, fusionHidden, fusionMode,
                lossLambda, loss, headNoise, monteCarloSamples, normalisation, data, seed, codeVersion);
    }
}
