package com.forexdiffusion.ldm4ts.model;

import com.forexdiffusion.ldm4ts.compute.ComputeSettings;
import com.forexdiffusion.ldm4ts.nn.Tensors;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.ldm4ts.conditioning.FrequencyConditioner;
import com.forexdiffusion.ldm4ts.conditioning.TextConditioning;
import com.forexdiffusion.ldm4ts.conditioning.Tokenizer;
import java.nio.file.Path;
import com.forexdiffusion.ldm4ts.fusion.TemporalFusion;
import com.forexdiffusion.ldm4ts.nn.Params;
import com.forexdiffusion.ldm4ts.scheduler.NoiseScheduler;
import com.forexdiffusion.ldm4ts.unet.UNet2DCondition;
import com.forexdiffusion.ldm4ts.vae.AutoencoderKL;
import com.forexdiffusion.ldm4ts.vae.DiagonalGaussian;

import java.util.SplittableRandom;

/**
 * The LDM4TS pipeline (SPEC §4): vision image → VAE latent → noised and denoised by the conditional U-Net under
 * frequency and text tokens → gated temporal fusion → normalised log returns per horizon. Parameter names are
 * prefixed {@code vae.}, {@code unet.}, {@code text_encoder.} (or {@code clip.} and {@code clip_projection.}), {@code frequency.}
 * and {@code fusion.}; the text branch is {@link TextConditioning}.
 */
public final class Ldm4tsModel implements AutoCloseable {
    public static final String VAE = "vae.";
    public static final String CLIP = "clip.";
    /** The fusion head's explicit pathway ({@code fusion.explicit.*}). */
    public static final String EXPLICIT = "fusion.explicit.";
    private static final float X0_LIMIT = 4f;
    private final Ldm4tsConfig config;
    private final NDManager manager;
    private final Params params;
    private final AutoencoderKL vae;
    private final UNet2DCondition unet;
    private final TextConditioning text;
    private final FrequencyConditioner frequency;
    private final TemporalFusion fusion;
    private final NoiseScheduler scheduler;

    private Ldm4tsModel(Ldm4tsConfig config, NDManager manager) {
        this.config = config;
        this.manager = manager;
        this.params = new Params(manager, config.seed());
        this.vae = new AutoencoderKL(params, "vae", config.vae());
        this.unet = new UNet2DCondition(params, "unet", config.unet());
        TextConfig t = config.text();
        this.text = config.clipPath() == null && config.profileKind() == Profile.COMPACT
                ? TextConditioning.compact(params, t.tokens(), t.width(), t.layers(), t.heads(), config.contextDim())
                : TextConditioning.clip(params, config.clipPath() == null ? null : Path.of(config.clipPath()),
                        config.contextDim());
        this.frequency = new FrequencyConditioner(params, "frequency", Ldm4tsConfig.FREQUENCY_FEATURES,
                config.lookback(), config.frequencyHidden(), config.frequencyTokens(), config.contextDim());
        this.fusion = new TemporalFusion(params, "fusion", new TemporalFusion.Spec(config.lookback(),
                config.vae().latentChannels(), config.latentSize(), config.fusionHidden(), config.horizons().size(),
                config.fusionMode(), config.headNoise(), Ldm4tsConfig.EXPLICIT_PATCHTST.equals(config.explicitKind()),
                config.residualFusion(), config.explicitInputWidth() > config.lookback()));
        this.scheduler = config.diffusion().scheduler();
    }

    /** Parameters stage 2 trains: all but the VAE and a pretrained (frozen) CLIP text model. */
    public boolean trainedInStageTwo(String name) {
        if (config.fusionMode() == TemporalFusion.Mode.EXPLICIT_ONLY) {
            // The other fusion weights never reach the output of the ablation, so they get no gradient.
            return name.startsWith(EXPLICIT) && !config.explicitFrozen();
        }
        return !name.startsWith(VAE) && (config.clipPath() == null || !name.startsWith(CLIP))
                && !(config.explicitFrozen() && name.startsWith(EXPLICIT));
    }

    /** Loads a pretrained CLIP text model's weights from its folder (paper profile). */
    public void loadPretrainedClip() {
        if (text.clipFolder() == null) {
            return;
        }
        Path file = text.clipFolder().resolve("model.safetensors");
        var tensors = new java.util.LinkedHashMap<String, com.forexdiffusion.ldm4ts.checkpoint.Tensor>();
        for (var t : com.forexdiffusion.ldm4ts.checkpoint.Safetensors.read(file).tensors().values()) {
            // A full CLIP file also holds the vision tower; only the text model is used.
            if (t.name().startsWith("text_model.")) {
                tensors.put(t.name(), t);
            }
        }
        com.forexdiffusion.ldm4ts.checkpoint.Checkpoint.assignAll(params, tensors, CLIP, file.toString());
    }

    /** Builds the model with seeded random weights on the given device. */
    public static Ldm4tsModel create(Ldm4tsConfig config, Device device) {
        return new Ldm4tsModel(config, NDManager.newBaseManager(device));
    }

    /** The device {@code FXD_DEVICE} asks for: by default a usable CUDA GPU when there is one, else the CPU. */
    public static Device defaultDevice() {
        return ComputeSettings.fromEnvironment(System.getenv(), Runtime.getRuntime().availableProcessors()).resolve();
    }

    public Ldm4tsConfig config() {
        return config;
    }

    public Params params() {
        return params;
    }

    public NDManager manager() {
        return manager;
    }

    public Tokenizer tokenizer() {
        return text.tokenizer();
    }

    public NoiseScheduler scheduler() {
        return scheduler;
    }

    public AutoencoderKL vae() {
        return vae;
    }

    public NDArray images(NDManager m, Batch b) {
        int s = config.imageSize();
        return Tensors.of(m, b.images(), new Shape(b.size(), 3, s, s));
    }

    /** Stage-1 loss: reconstruction MSE + β · KL per latent element, with the posterior sampled by seeded noise. */
    public NDArray vaeLoss(NDArray images, double klWeight, SplittableRandom random) {
        DiagonalGaussian q = vae.encode(images);
        NDArray z = q.sample(GaussianNoise.of(images.getManager(), q.mean().getShape(), random));
        NDArray recon = vae.decode(z);
        NDArray mse = recon.sub(images).square().mean();
        NDArray kl = q.kl().mean().div((float) (q.mean().getShape().size() / q.mean().getShape().get(0)));
        return mse.add(kl.mul((float) klWeight));
    }

    /** Posterior means, unscaled [B, C, h, w] (no gradient needed: the VAE is frozen in stage 2). */
    public NDArray encodeMean(NDArray images) {
        return vae.encode(images).mean();
    }

    /** The conditioning token sequence [B, frequencyTokens + textTokens, d]. */
    public NDArray context(NDManager m, Batch b) {
        NDArray f = frequency.forward(m, b.frequency());
        NDArray t = text.forward(m, b.tokens());
        return NDArrays.concat(new NDList(f, t), 1);
    }

    /** The fusion head, for the trainer's closed-form start of its explicit pathway. */
    public TemporalFusion fusion() {
        return fusion;
    }

    /** The explicit pathway's (and the sample head's) input [B, {@link Ldm4tsConfig#explicitInputWidth()}]. */
    public NDArray lookback(NDManager m, Batch b) {
        int width = config.explicitInputWidth();
        float[][] rows = ExplicitInput.rows(config, b);
        float[] flat = new float[b.size() * width];
        for (int i = 0; i < b.size(); i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return Tensors.of(m, flat, new Shape(b.size(), width));
    }

    /** The two stage-2 losses of one batch, for a training step or a validation loss. */
    public record StageTwoLoss(NDArray total, NDArray forecast, NDArray diffusion) {
    }

    /**
     * Stage-2 loss on the inference path itself: each window's latent is noised to the start strength and denoised
     * by the scheduler's steps exactly as {@link #sample} does (gradients through the last U-Net pass, which feeds
     * the fusion head, and the first, whose ε-MSE is the diffusion term), and {@code draws} samples are read per
     * window. The forecast term is the fair CRPS of those samples ({@code crps}) or their MSE ({@code mse}); the total
     * adds λ · ε-MSE.
     *
     * @param latents scaled latents [B, C, h, w]
     * @param targets scaled targets [B, H]
     * @param draws   samples per window (m ≥ 2 for the CRPS)
     */
    public StageTwoLoss stageTwoLoss(NDManager m, Batch b, NDArray latents, NDArray targets, int draws,
                                     SplittableRandom random) {
        long[] seeds = new long[b.size()];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = random.nextLong();
        }
        SamplePass path = samplePath(m, b, latents, draws, seeds, true, null);
        NDArray x = path.samples().reshape(b.size(), draws, -1);
        NDArray forecast = Ldm4tsConfig.LOSS_CRPS.equals(config.lossKind())
                ? ScoringLoss.fairCrps(x, targets).mean()
                : x.sub(targets.expandDims(1)).square().mean();
        if (path.diffusion() == null) {
            return new StageTwoLoss(forecast, forecast, m.zeros(new Shape()));
        }
        return new StageTwoLoss(forecast.add(path.diffusion().mul((float) config.lossLambda())), forecast,
                path.diffusion());
    }

    /**
     * Monte Carlo forecasts: each window's latent is noised to strength · T, denoised by the scheduler and read by
     * the fusion head; all windows run as one batch. A window's samples depend on its own seed only.
     *
     * @param latents scaled latents [B, C, h, w]
     * @return normalised returns, [B][S][H]
     */
    public float[][][] sample(NDManager m, Batch b, NDArray latents, int samples, long seed) {
        return sample(m, b, latents, samples, windowSeeds(b.size(), seed));
    }

    /** One seed per window, drawn from one seed. */
    public static long[] windowSeeds(int windows, long seed) {
        long[] seeds = new long[windows];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = r.nextLong();
        }
        return seeds;
    }

    /** As {@link #sample(NDManager, Batch, NDArray, int, long)} with one seed per window. */
    public float[][][] sample(NDManager m, Batch b, NDArray latents, int samples, long[] seeds) {
        return sample(m, b, latents, samples, seeds, null);
    }

    /** Nanoseconds spent per part of {@link #sample}, for the latency breakdown. */
    public static final class Timings {
        public long conditioning;
        public long unet;
        public long fusion;
        public int unetSteps;
    }

    /** As {@link #sample(NDManager, Batch, NDArray, int, long[])}, adding the time of each part to {@code t}. */
    public float[][][] sample(NDManager m, Batch b, NDArray latents, int samples, long[] seeds, Timings t) {
        Shrinkage.Factors correction = config.meanCorrection();
        // Without a correction the explicit forecast it reads is not worth a second pass of the pathway.
        Draws d = draws(m, b, latents, samples, seeds, t, correction != null);
        Shrinkage.apply(d.samples(), d.explicit(), correction);
        return d.samples();
    }

    /**
     * Samples before the validation split's correction of their mean, with what that correction reads.
     *
     * @param samples  normalised returns [B][S][H]
     * @param explicit the explicit pathway's forecast [B][H] (zero for a model without one)
     */
    public record Draws(float[][][] samples, float[][] explicit) {
    }

    /** As {@link #sample(NDManager, Batch, NDArray, int, long[], Timings)} without the mean's correction. */
    public Draws rawSamples(NDManager m, Batch b, NDArray latents, int samples, long[] seeds, Timings t) {
        return draws(m, b, latents, samples, seeds, t, true);
    }

    private Draws draws(NDManager m, Batch b, NDArray latents, int samples, long[] seeds, Timings t,
                        boolean withExplicit) {
        int h = config.horizons().size();
        float[] flat = samplePath(m, b, latents, samples, seeds, false, t).samples().toFloatArray();
        float[][][] result = new float[b.size()][samples][h];
        for (int i = 0; i < b.size(); i++) {
            for (int s = 0; s < samples; s++) {
                System.arraycopy(flat, (i * samples + s) * h, result[i][s], 0, h);
            }
        }
        float[][] explicit = new float[b.size()][h];
        if (withExplicit && config.fusionMode() != TemporalFusion.Mode.IMPLICIT_ONLY) {
            float[] e = explicitForecast(m, b).toFloatArray();
            for (int i = 0; i < b.size(); i++) {
                System.arraycopy(e, i * h, explicit[i], 0, h);
            }
        }
        return new Draws(result, explicit);
    }

    /** The explicit pathway's forecast [B, H] in the model's units (multiplied back by each window's scale). */
    public NDArray explicitForecast(NDManager m, Batch b) {
        return rescale(m, b, fusion.forwardExplicit(lookback(m, b)), 1);
    }

    /** Multiplies rows [B · per, H] (window-major) by their window's instance scales; unchanged without RevIN. */
    private NDArray rescale(NDManager m, Batch b, NDArray rows, int per) {
        if (!config.revin()) {
            return rows;
        }
        int h = config.horizons().size();
        float[] s = new float[b.size() * h];
        for (int i = 0; i < b.size(); i++) {
            for (int k = 0; k < h; k++) {
                s[i * h + k] = (float) b.scale()[i][k];
            }
        }
        return rows.mul(Tensors.of(m, s, new Shape(b.size(), h)).repeat(0, per));
    }

    /** The samples [B · S, H] of a pass, and (training only) the diffusion ε-MSE of its first U-Net step. */
    private record SamplePass(NDArray samples, NDArray diffusion) {
    }

    /**
     * The one sampling path of training and inference. Work that does not depend on the noise (conditioning, the
     * lookback) runs once per window; the U-Net runs once per diffusion draw ({@link DiffusionConfig#drawsFor}), and
     * the S samples of a window share its draws in turn, each with its own sample-head noise.
     */
    private SamplePass samplePath(NDManager m, Batch b, NDArray latents, int samples, long[] seeds, boolean train,
                            Timings t) {
        long c0 = System.nanoTime();
        SplittableRandom[] random = new SplittableRandom[b.size()];
        for (int i = 0; i < random.length; i++) {
            random[i] = new SplittableRandom(seeds[i]);
        }
        if (config.fusionMode() == TemporalFusion.Mode.EXPLICIT_ONLY) {
            NDArray out = explicitForecast(m, b).repeat(0, samples);
            addTime(t, c0, c0, c0);
            return new SamplePass(out, null);
        }
        int draws = config.diffusion().drawsFor(samples);
        NDArray context = context(m, b).repeat(0, draws);
        NDArray look = lookback(m, b).repeat(0, draws);
        long c1 = System.nanoTime();
        Denoised d = denoise(m, latents.repeat(0, draws), context, random, draws, train);
        long c2 = System.nanoTime();
        TemporalFusion.Fused fused = fusion.fuse(look, d.x0().clip(-X0_LIMIT, X0_LIMIT), latents.repeat(0, draws));
        int per = samples / draws;
        NDArray noise = !fusion.hasSampleHead() ? null : train
                // Training's fair CRPS needs independent draws; inference pairs them for a steadier mean.
                ? GaussianNoise.of(m, new Shape((long) b.size() * samples, fusion.headNoise()), random, samples)
                : GaussianNoise.antithetic(m, b.size(), samples, fusion.headNoise(), random);
        NDArray out = rescale(m, b, fusion.sample(fused, per, noise), samples);
        addTime(t, c0, c1, c2);
        if (t != null) {
            t.unetSteps += d.steps();
        }
        return new SamplePass(out, d.diffusion());
    }

    private NDArray stepNoise(NDManager m, NDArray x, int prev, SplittableRandom[] random, int draws) {
        return scheduler.stochastic() && prev >= 0 ? GaussianNoise.of(m, x.getShape(), random, draws) : null;
    }

    private static void addTime(Timings t, long c0, long c1, long c2) {
        if (t != null) {
            long now = System.nanoTime();
            t.conditioning += c1 - c0;
            t.unet += c2 - c1;
            t.fusion += now - c2;
        }
    }

    private record Denoised(NDArray x0, NDArray diffusion, int steps) {
    }

    /**
     * The reverse process from the start strength. In training only the first step's ε-MSE and the last step's
     * output carry gradients: what lies between is detached, so a long path costs its forward passes only.
     */
    private Denoised denoise(NDManager m, NDArray z0, NDArray context, SplittableRandom[] random, int draws,
                             boolean train) {
        int rows = (int) z0.getShape().get(0);
        int[] steps = config.diffusion().inferenceTimesteps(scheduler);
        int[] start = new int[rows];
        java.util.Arrays.fill(start, steps[0]);
        NDArray eps0 = GaussianNoise.of(m, z0.getShape(), random, draws);
        NDArray x = scheduler.addNoise(z0, eps0, start);
        NDArray diffusion = null;
        int[] tt = new int[rows];
        for (int k = 0; k < steps.length; k++) {
            java.util.Arrays.fill(tt, steps[k]);
            int prev = k + 1 < steps.length ? steps[k + 1] : -1;
            if (train) {
                // The training step's own scope frees everything after the backward pass.
                NDArray eps = unet.forward(x, tt, context);
                if (k == 0) {
                    diffusion = eps.sub(eps0).square().mean();
                }
                NDArray next = scheduler.step(eps, steps[k], prev, x, stepNoise(m, x, prev, random, draws));
                x = k == steps.length - 1 ? next : next.stopGradient();
                continue;
            }
            NDArray next;
            // Each step's intermediates are freed when it ends: a caller's scope would otherwise hold every
            // activation of every step until it closes (about 13 MiB per row and step at the compact sizes).
            try (NDScope step = new NDScope()) {
                NDArray eps = unet.forward(x, tt, context);
                next = scheduler.step(eps, steps[k], prev, x, stepNoise(m, x, prev, random, draws));
                NDScope.unregister(next);
            }
            NDScope.register(next);
            x = next;
        }
        return new Denoised(x, diffusion, steps.length);
    }

    /** One U-Net evaluation: the predicted noise of latents x at timestep t under the given conditioning tokens. */
    public NDArray denoise(NDArray x, int t, NDArray context) {
        int[] ts = new int[(int) x.getShape().get(0)];
        java.util.Arrays.fill(ts, t);
        return unet.forward(x, ts, context);
    }

    @Override
    public void close() {
        text.close();
        manager.close();
    }
}
