package com.forexdiffusion.ldm4ts.train;

import com.forexdiffusion.ldm4ts.nn.Tensors;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.ProcessMemory;
import com.forexdiffusion.forecast.dataset.Split;
import com.forexdiffusion.forecast.dataset.SplitFractions;
import com.forexdiffusion.forecast.dataset.Window;
import com.forexdiffusion.forecast.dataset.WindowDataset;
import com.forexdiffusion.ldm4ts.checkpoint.Checkpoint;
import com.forexdiffusion.ldm4ts.checkpoint.EpochRecord;
import com.forexdiffusion.ldm4ts.checkpoint.ResumeState;
import com.forexdiffusion.ldm4ts.checkpoint.TrainingState;
import com.forexdiffusion.ldm4ts.checkpoint.HorizonValidation;
import com.forexdiffusion.ldm4ts.checkpoint.ValidationMetrics;
import com.forexdiffusion.ldm4ts.model.Batch;
import com.forexdiffusion.ldm4ts.model.DataRange;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.model.WindowFeatures;
import com.forexdiffusion.ldm4ts.fusion.TemporalFusion;
import com.forexdiffusion.ldm4ts.vae.DiffusersVae;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains LDM4TS (SPEC §4): windows split by time with purged gaps, scaling fitted on train only; stage 1 trains
 * the VAE on training images; stage 2 freezes it, caches the scaled latents and trains U-Net, conditioners and
 * fusion with AdamW, cosine learning rate with warm-up, clipping, EMA and early stopping on the validation loss.
 * The best EMA weights are saved to the output directory whenever the validation loss improves.
 */
public final class Ldm4tsTrainer {
    private final TrainingConfig tc;
    private final TrainingListener listener;
    private final long startNanos = System.nanoTime();
    private long peakHeap;
    private long skippedSteps;
    private double lastValidationMinutes;

    public Ldm4tsTrainer(TrainingConfig tc, TrainingListener listener) {
        this.tc = tc;
        this.listener = listener;
    }

    /** The outcome: the final config (with normalisation and data range) and the training state as saved. */
    public record Result(Ldm4tsConfig config, TrainingState state, long parameters) {
    }

    public Result train(BarSeries bars, Ldm4tsConfig base, String codeVersion, Path out, Path resume) {
        return train(bars, SplitFractions.DEFAULT, base, codeVersion, out, resume);
    }

    /** As {@link #train(BarSeries, Ldm4tsConfig, String, Path, Path)} with other split fractions. */
    public Result train(BarSeries bars, SplitFractions fractions, Ldm4tsConfig base, String codeVersion, Path out,
                        Path resume) {
        WindowDataset ds = WindowDataset.build(bars, base.lookback(), base.horizonList(), fractions);
        List<Window> trainWindows = stride(ds.windows(Split.TRAIN), tc.trainStride());
        List<Window> valAll = ds.windows(Split.VALIDATION);
        if (trainWindows.size() < tc.batchSize() || valAll.isEmpty()) {
            throw BadInputException.ofField("bars", "too few windows to train: " + trainWindows.size() + " train, "
                    + valAll.size() + " validation (batch " + tc.batchSize() + ")");
        }
        List<Window> valEval = evenly(valAll, tc.validationWindows());
        Ldm4tsConfig config = base.withNormalisation(NormalisationFit.of(ds, base.sessionScaled()))
                .withData(new DataRange(bars.ts(0), bars.ts(bars.size() - 1), bars.size(), trainWindows.size(),
                        valAll.size(), ds.size(Split.TEST)), codeVersion);
        Checkpoint.Resume resumed = resume == null ? null : Checkpoint.readResume(resume);
        Ldm4tsModel model;
        if (resume != null) {
            Ldm4tsConfig saved = Checkpoint.readConfig(resume);
            if (!saved.unet().equals(config.unet()) || !saved.vae().equals(config.vae())
                    || !saved.horizons().equals(config.horizons()) || saved.lookback() != config.lookback()
                    || saved.headNoise() != config.headNoise() || !saved.diffusion().equals(config.diffusion())) {
                throw BadInputException.ofSource(resume.resolve(Checkpoint.CONFIG).toString(),
                        "the checkpoint's sizes, horizons or sampling differ from this run's; resume needs the same model");
            }
            // A finished run's shrinkage is refitted when this one ends; its validation must see raw samples.
            model = Checkpoint.load(resume, Ldm4tsModel.defaultDevice(), c -> c.withShrinkage(null));
            config = config.withNormalisation(saved.normalisation());
        } else {
            model = Ldm4tsModel.create(config, Ldm4tsModel.defaultDevice());
            try {
                if (config.vaePath() != null) {
                    DiffusersVae.load(Path.of(config.vaePath()), model.params(), Ldm4tsModel.VAE);
                }
                model.loadPretrainedClip();
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        }
        try (model) {
            List<EpochRecord> history = new ArrayList<>(resumed == null ? List.of() : resumed.state().history());
            double vaeRate = resumed == null ? 0 : resumed.state().vaeWindowsPerSecond();
            // The explicit-pathway ablation never reads a latent: no VAE stage, no latents.
            boolean vaeDone = resumed != null || config.fusionMode() == TemporalFusion.Mode.EXPLICIT_ONLY;
            if (!vaeDone && config.vaePath() == null) {
                vaeRate = trainVae(model, ds, trainWindows, history);
            }
            if (!vaeDone) {
                double scale = latentScale(model, config, ds, trainWindows);
                config = config.withNormalisation(config.normalisation().withLatentScale(scale));
            }
            Ldm4tsConfig finalConfig = config;
            return trainDenoiser(model, finalConfig, ds, trainWindows, valEval, history, vaeRate, out, resumed);
        }
    }

    private double trainVae(Ldm4tsModel model, WindowDataset ds, List<Window> train, List<EpochRecord> history) {
        List<Window> images = evenly(train, tc.maxVaeImages());
        WindowFeatures features = new WindowFeatures(model.config(), model.tokenizer());
        List<NDArray> params = model.params().train(n -> n.startsWith(Ldm4tsModel.VAE));
        AdamW opt = new AdamW(params, 0.9, 0.999, 1e-8, 0.0);
        int b = tc.batchSize();
        int stepsPerEpoch = images.size() / b;
        long total = (long) stepsPerEpoch * tc.vaeEpochs();
        double deadline = tc.maxMinutes() > 0 ? tc.maxMinutes() * 0.25 : Double.MAX_VALUE;
        SplittableRandom random = new SplittableRandom(tc.seed() ^ 0x5EEDL);
        listener.stage("vae", total * b);
        long step = 0;
        double rate = 0;
        NDManager m = model.manager();
        outer:
        for (int epoch = 1; epoch <= tc.vaeEpochs(); epoch++) {
            int[] order = permutation(images.size(), random);
            double lossSum = 0;
            int counted = 0;
            long t0 = System.nanoTime();
            int done = 0;
            for (int s = 0; s < stepsPerEpoch; s++) {
                if (minutes() > deadline) {
                    break outer;
                }
                Batch batch = features.build(ds.bars(), ends(images, order, s * b, b), b);
                double loss;
                try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l = model.vaeLoss(model.images(m, batch), tc.klWeight(), random);
                    gc.backward(l);
                    loss = l.getFloat();
                }
                boolean applied = opt.update(TrainingConfig.learningRate(tc.vaeLearningRate(), step, total,
                        tc.warmupFraction()), tc.clipNorm());
                step++;
                done += b;
                if (!applied || !Double.isFinite(loss)) {
                    skipped(opt, "vae", step);
                    continue;
                }
                lossSum += loss;
                counted++;
                rate = done / seconds(t0);
                listener.progress(step * b, lossSum / counted, rate);
                trackHeap();
            }
            history.add(new EpochRecord("vae", epoch, lossSum / Math.max(1, counted), Double.NaN, null, rate,
                    seconds(t0)));
            listener.epoch(history.get(history.size() - 1));
        }
        model.params().train(n -> false);
        return rate;
    }

    private double latentScale(Ldm4tsModel model, Ldm4tsConfig config, WindowDataset ds, List<Window> train) {
        if (config.vaePath() != null) {
            return config.vae().scalingFactor();
        }
        List<Window> sample = evenly(train, 1024);
        float[] z = encode(model, config, ds, sample, 1.0);
        double sum = 0;
        double sq = 0;
        for (float v : z) {
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / z.length;
        double std = Math.sqrt(Math.max(1e-12, sq / z.length - mean * mean));
        return 1 / std;
    }

    /** Scaled posterior means of the windows' images, [n · C · h · w]. */
    private float[] encode(Ldm4tsModel model, Ldm4tsConfig config, WindowDataset ds, List<Window> windows, double scale) {
        WindowFeatures features = new WindowFeatures(config, model.tokenizer());
        int per = config.vae().latentChannels() * config.latentSize() * config.latentSize();
        float[] out = new float[windows.size() * per];
        int chunk = 64;
        int[] idx = new int[windows.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        for (int from = 0; from < windows.size(); from += chunk) {
            int n = Math.min(chunk, windows.size() - from);
            Batch batch = features.build(ds.bars(), ends(windows, idx, from, n), n);
            try (NDScope scope = new NDScope()) {
                float[] z = model.encodeMean(model.images(model.manager(), batch)).mul((float) scale).toFloatArray();
                System.arraycopy(z, 0, out, from * per, z.length);
            }
            listener.progress(from + n, Double.NaN, Double.NaN);
        }
        return out;
    }

    /** The mutable state of stage 2 between epochs; what {@link ResumeState} saves. */
    static final class Progress {
        int epoch;
        long step;
        int sinceBest;
        double best = Double.POSITIVE_INFINITY;
        ValidationMetrics bestMetrics;
        double rate;
        String stop = "epochs";
    }

    /** Stage 2's model, data and optimiser for one run. */
    record Stage2(Ldm4tsModel model, Ldm4tsConfig config, WindowDataset ds, List<Window> train,
                          List<Window> valEval, float[] trainLatents, float[] valLatents, WindowFeatures features,
                          AdamW opt, Ema ema, List<NDArray> params) {
        int perLatent() {
            return config.vae().latentChannels() * config.latentSize() * config.latentSize();
        }
    }

    private Result trainDenoiser(Ldm4tsModel model, Ldm4tsConfig config, WindowDataset ds, List<Window> train,
                                 List<Window> valEval, List<EpochRecord> history, double vaeRate, Path out,
                                 Checkpoint.Resume resumed) {
        double scale = config.normalisation().latentScale();
        listener.stage("latents", (long) train.size() + valEval.size());
        boolean latentFree = config.fusionMode() == TemporalFusion.Mode.EXPLICIT_ONLY;
        int perLatent = config.vae().latentChannels() * config.latentSize() * config.latentSize();
        float[] trainLatents = latentFree ? new float[train.size() * perLatent] : encode(model, config, ds, train, scale);
        float[] valLatents = latentFree ? new float[valEval.size() * perLatent] : encode(model, config, ds, valEval, scale);
        WindowFeatures features = new WindowFeatures(config, model.tokenizer());
        if (resumed == null) {
            // Before the EMA copies the weights: its shadow must start from the fitted pathway, not the random one.
            // Every training window, not only the strided ones: the normal equations are cheap, and a quarter of the
            // windows left the fit 0.7 % worse than the full one on ETTh1's test windows.
            ExplicitStart.fit(model, ds, ds.windows(Split.TRAIN), features);
        }
        List<NDArray> params = model.params().train(model::trainedInStageTwo);
        AdamW opt = new AdamW(params, 0.9, 0.999, 1e-8, tc.weightDecay());
        Ema ema = new Ema(params, tc.emaDecay());
        Stage2 st = new Stage2(model, config, ds, train, valEval, trainLatents, valLatents, features, opt, ema, params);
        Progress p = new Progress();
        if (resumed != null) {
            if (!Files.isRegularFile(out.resolve(Checkpoint.MODEL))) {
                // The resumed checkpoint's weights are its best; the output holds them until this run improves on them.
                Checkpoint.save(out, config, model.params(), null, Map.of());
            }
            skippedSteps = StageTwoResume.restore(st, resumed, p);
        }
        if (params.isEmpty()) {
            // The explicit pathway alone at its least-squares fit: nothing is left to train, so the fit is validated once
            // (no optimiser step, so its training loss is recorded as 0).
            validateEpoch(st, 1, 0, history, vaeRate, out, p);
            p.stop = "closed_form";
        } else {
            runEpochs(st, history, vaeRate, out, p);
        }
        return finish(st, history, vaeRate, out, p);
    }

    /** Stage 2's epochs until the planned count, the time budget or early stopping ends them. */
    private void runEpochs(Stage2 st, List<EpochRecord> history, double vaeRate, Path out, Progress p) {
        long total = (long) (st.train().size() / tc.batchSize()) * tc.epochs();
        for (int epoch = p.epoch + 1; epoch <= tc.epochs(); epoch++) {
            double[] trained = trainEpoch(st, epoch, total, p);
            if (trained[1] == 0) {
                p.stop = "time_limit";
                break;
            }
            validateEpoch(st, epoch, trained[0], history, vaeRate, out, p);
            StageTwoResume.save(st, out, p, history, skippedSteps, vaeRate);
            if (trained[2] > 0) {
                p.stop = "time_limit";
                break;
            }
            if (p.sinceBest >= tc.patience()) {
                p.stop = "early_stopping";
                break;
            }
        }
    }

    /** Reloads the best epoch's weights, fits the mean's correction on validation and saves the final checkpoint. */
    private Result finish(Stage2 st, List<EpochRecord> history, double vaeRate, Path out, Progress p) {
        Ldm4tsModel model = st.model();
        Ldm4tsConfig config = st.config();
        if (p.bestMetrics == null) {
            throw new com.forexdiffusion.core.FxdException("training stopped before one epoch finished: raise --max-minutes "
                    + "(it also counts the VAE and the latent cache) or lower --vae-images, or raise --stride");
        }
        // The weights on disk are the best epoch's; the validation split then tunes the correction of their mean.
        loadedParamsView(out, model);
        model.params().freezeAll();
        StageTwoValidation.Shrunk shrunk = new StageTwoValidation(tc, listener).shrunk(model, config, st.ds(),
                st.valEval(), st.valLatents(), st.features());
        Ldm4tsConfig finalConfig = config.withShrinkage(shrunk.factors());
        TrainingState state = state(p.epoch, p.step, p.best, shrunk.result().metrics(), history, vaeRate, p.rate,
                p.stop);
        Checkpoint.save(out, finalConfig, model.params(), state, st.opt().state());
        return new Result(finalConfig, state, model.params().count());
    }

    /**
     * One epoch of stage-2 steps in an order drawn from the seed and the epoch alone (so a resumed run draws the
     * same); returns {mean loss, steps counted, 1 when the time budget ended it early}.
     */
    private double[] trainEpoch(Stage2 st, int epoch, long total, Progress p) {
        int b = tc.batchSize();
        int h = st.config().horizons().size();
        int per = st.perLatent();
        int stepsPerEpoch = st.train().size() / b;
        SplittableRandom random = new SplittableRandom(tc.seed() + 0x9E3779B97F4A7C15L * epoch);
        listener.stage("denoiser epoch " + epoch + "/" + tc.epochs(), (long) stepsPerEpoch * b);
        int[] order = permutation(st.train().size(), random);
        Shape latentShape = new Shape(b, st.config().vae().latentChannels(), st.config().latentSize(),
                st.config().latentSize());
        float[] lat = new float[b * per];
        float[] tgt = new float[b * h];
        double[] tgtD = new double[b * h];
        NDManager m = st.model().manager();
        double lossSum = 0;
        int counted = 0;
        long t0 = System.nanoTime();
        for (int s = 0; s < stepsPerEpoch; s++) {
            // Stop while the validation that follows (as long as the last one, or a tenth of the budget before
            // the first) and the final save still fit in the budget.
            double reserve = lastValidationMinutes > 0 ? lastValidationMinutes * 1.1 + 0.5 : tc.maxMinutes() * 0.1;
            if (tc.maxMinutes() > 0 && minutes() + reserve > tc.maxMinutes()) {
                return new double[] {lossSum / Math.max(1, counted), s, 1};
            }
            Batch batch = st.features().build(st.ds().bars(), ends(st.train(), order, s * b, b), b, false);
            for (int i = 0; i < b; i++) {
                Window w = st.train().get(order[s * b + i]);
                System.arraycopy(st.trainLatents(), order[s * b + i] * per, lat, i * per, per);
                double[] raw = st.ds().targets(w.index());
                for (int k = 0; k < h; k++) {
                    tgtD[i * h + k] = st.config().normalisation().scaleTarget(k, raw[k]);
                }
            }
            for (int i = 0; i < tgt.length; i++) {
                tgt[i] = (float) tgtD[i];
            }
            double loss;
            try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Ldm4tsModel.StageTwoLoss l = st.model().stageTwoLoss(m, batch, Tensors.of(m, lat, latentShape),
                        Tensors.of(m, tgt, new Shape(b, h)), tc.lossSamples(), random);
                gc.backward(l.total());
                loss = l.total().getFloat();
            }
            boolean applied = st.opt().update(TrainingConfig.learningRate(tc.learningRate(), p.step, total,
                    tc.warmupFraction()), tc.clipNorm());
            p.step++;
            if (!applied || !Double.isFinite(loss)) {
                skipped(st.opt(), "denoiser", p.step);
                continue;
            }
            st.ema().update();
            lossSum += loss;
            counted++;
            p.rate = (s + 1.0) * b / seconds(t0);
            listener.progress((long) (s + 1) * b, lossSum / counted, p.rate);
            trackHeap();
        }
        return new double[] {lossSum / Math.max(1, counted), stepsPerEpoch, 0};
    }

    /** Validates the EMA weights, records the epoch and saves the model when it is the best so far. */
    private void validateEpoch(Stage2 st, int epoch, double trainLoss, List<EpochRecord> history, double vaeRate,
                               Path out, Progress p) {
        long v0 = System.nanoTime();
        st.ema().swapIn();
        // With every tensor frozen no autograd graph can be recorded, whatever the engine's grad mode.
        st.model().params().freezeAll();
        try {
            StageTwoValidation.Result v = new StageTwoValidation(tc, listener).run(st.model(), st.config(), st.ds(),
                    st.valEval(), st.valLatents(), st.features());
            p.epoch = epoch;
            EpochRecord rec = new EpochRecord("denoiser", epoch, trainLoss, v.loss(), v.metrics(), p.rate,
                    seconds(v0));
            history.add(rec);
            listener.epoch(rec);
            double score = selectionScore(v);
            if (score < p.best) {
                p.best = score;
                p.bestMetrics = v.metrics();
                p.sinceBest = 0;
                Checkpoint.save(out, st.config(), st.model().params(), state(epoch, p.step, p.best, p.bestMetrics,
                        history, vaeRate, p.rate, "running"), st.opt().state());
            } else {
                p.sinceBest++;
            }
        } finally {
            st.ema().swapOut();
            st.model().params().train(st.model()::trainedInStageTwo);
            lastValidationMinutes = (System.nanoTime() - v0) / 60e9;
        }
    }

    /** The figure that picks the best epoch, lower is better: the validation loss or the mean MSE ratio. */
    private double selectionScore(StageTwoValidation.Result v) {
        if (TrainingConfig.STOP_ON_LOSS.equals(tc.earlyStopOn())) {
            return v.loss();
        }
        return v.metrics().horizons().values().stream().mapToDouble(HorizonValidation::mseRatio).average()
                .orElse(v.metrics().mseRatio());
    }

    /** The best weights were saved when they were reached; reload them so the final save keeps them. */
    private static com.forexdiffusion.ldm4ts.nn.Params loadedParamsView(Path out, Ldm4tsModel model) {
        var contents = com.forexdiffusion.ldm4ts.checkpoint.Safetensors.read(out.resolve(Checkpoint.MODEL));
        Checkpoint.assignAll(model.params(), contents.tensors(), "", out.resolve(Checkpoint.MODEL).toString());
        return model.params();
    }

    private TrainingState state(int epoch, long step, double best, ValidationMetrics vm, List<EpochRecord> history,
                                double vaeRate, double rate, String stop) {
        trackHeap();
        return new TrainingState("denoiser", epoch, step, best, vm, history, vaeRate, rate, peakHeap, ProcessMemory.peakResidentBytes(), stop,
                seconds(startNanos), skippedSteps);
    }

    /**
     * Counts a skipped step; a run where more than 5% of the steps (after the first 40) are skipped is diverging,
     * not meeting the occasional corrupt backward pass, and stops.
     */
    private void skipped(AdamW opt, String stage, long step) {
        skippedSteps++;
        if (step > 40 && opt.skipped() > 0.05 * step) {
            throw new IllegalStateException("the " + stage + " stage skipped " + opt.skipped() + " of " + step
                    + " steps for a non-finite loss or gradient (last gradient norm " + opt.lastNorm()
                    + "); lower the learning rate");
        }
    }

    private void trackHeap() {
        Runtime rt = Runtime.getRuntime();
        peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
    }

    private double minutes() {
        return (System.nanoTime() - startNanos) / 60e9;
    }

    private static double seconds(long t0) {
        return Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
    }

    static int[] ends(List<Window> windows, int[] order, int from, int n) {
        int[] e = new int[n];
        for (int i = 0; i < n; i++) {
            e[i] = windows.get(order[from + i]).endIndex();
        }
        return e;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static List<Window> stride(List<Window> windows, int k) {
        if (k == 1) {
            return windows;
        }
        List<Window> out = new ArrayList<>();
        for (int i = 0; i < windows.size(); i += k) {
            out.add(windows.get(i));
        }
        return out;
    }

    /** At most n windows, evenly spaced in time. */
    static List<Window> evenly(List<Window> windows, int n) {
        if (windows.size() <= n) {
            return windows;
        }
        List<Window> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(windows.get((int) ((long) i * windows.size() / n)));
        }
        return out;
    }
}
