package com.forexdiffusion.app.train;

import com.forexdiffusion.app.CodeVersion;
import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.Json;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.app.data.TimeframeConverter;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.models.ModelRecords;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.dataset.SplitFractions;
import com.forexdiffusion.forecast.longhorizon.LongHorizonData;
import com.forexdiffusion.forecast.longhorizon.LongHorizonPrices;
import com.forexdiffusion.ldm4ts.checkpoint.Checkpoint;
import com.forexdiffusion.ldm4ts.checkpoint.EpochRecord;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import com.forexdiffusion.ldm4ts.model.Profile;
import com.forexdiffusion.ldm4ts.fusion.TemporalFusion;
import com.forexdiffusion.ldm4ts.train.Ldm4tsTrainer;
import com.forexdiffusion.ldm4ts.train.TrainingConfig;
import com.forexdiffusion.ldm4ts.train.TrainingListener;
import com.forexdiffusion.ldm4ts.service.Ldm4tsForecaster;
import com.forexdiffusion.ldm4ts.vae.DiffusersVae;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train LDM4TS on stored bars: stage 1 the VAE (compact), stage 2 the U-Net, conditioners and "
                + "fusion on cached latents; split 70/15/15 by time.",
                "Writes DIR/config.json, DIR/model.safetensors, DIR/training.json and DIR/optimizer.safetensors, a row "
                        + "in ldm4ts_training_runs and one in ldm4ts_model_metadata."},
        footer = {"%nExamples:",
                "  fxd train --symbol EURUSD --timeframe M5 --to 2023-10-01 --epochs 5 \\",
                "      --max-minutes 30 --out models/m5",
                "  fxd train --ett /data/ETTh1.csv --ett-horizon 96 --out models/etth1"})
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Option(names = "--symbol", description = "Required unless --ett.")
    String symbol;

    @Option(names = "--timeframe", converter = TimeframeConverter.class, description = "Required unless --ett.")
    Timeframe timeframe;

    @Option(names = "--ett", paramLabel = "FILE", description = "Train on a long-horizon benchmark file instead "
            + "(ETTh1.csv, ETTm1.csv, exchange_rate.txt, weather.csv): every channel's training and validation rows, "
            + "lookback 96, one output per step up to --ett-horizon; scored by fxd evaluate ett --model.")
    Path ett;

    @Option(names = "--ett-horizon", defaultValue = "720",
            description = "Steps forecast with --ett (default: ${DEFAULT-VALUE}).")
    int ettHorizon;

    @Option(names = "--from", description = "First bar (UTC).")
    String from;

    @Option(names = "--to", description = "End, exclusive (UTC).")
    String to;

    @Option(names = "--profile", defaultValue = "compact", description = "compact (trains on a CPU) or paper (the "
            + "published sizes). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--horizons", defaultValue = Horizon.DEFAULT_LIST,
            description = "Minutes, comma-separated (default: ${DEFAULT-VALUE}).")
    String horizons;

    @Option(names = "--epochs", defaultValue = "10", description = "Stage-2 epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--vae-epochs", defaultValue = "2",
            description = "Stage-1 (VAE) epochs (default: ${DEFAULT-VALUE}).")
    int vaeEpochs;

    @Option(names = "--vae-images", defaultValue = "6000",
            description = "Training windows whose images train the VAE (default: ${DEFAULT-VALUE}).")
    int vaeImages;

    @Option(names = "--batch", defaultValue = "32",
            description = "Windows per training step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--stride", defaultValue = "1",
            description = "Use every k-th training window (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--lr", defaultValue = "5e-4",
            description = "Stage-2 peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--validation-windows", defaultValue = "512", description = "Validation windows scored "
            + "after each epoch (default: ${DEFAULT-VALUE}).")
    int validationWindows;

    @Option(names = "--validation-samples", defaultValue = "50",
            description = "Monte Carlo samples per validation window (default: ${DEFAULT-VALUE}).")
    int validationSamples;

    @Option(names = "--loss", defaultValue = "crps", description = "Forecast loss: crps (the fair sample CRPS of "
            + "--loss-samples draws per window, through the inference sampling path; samples become a predictive "
            + "distribution) or mse (of every draw, for comparison: its optimum ignores the noise). Default: "
            + "${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--loss-samples", defaultValue = "8", description = "Draws per training window for the loss "
            + "(at least 2 with --loss crps; default: ${DEFAULT-VALUE}).")
    int lossSamples;

    @Option(names = "--patience", defaultValue = "3", description = "Early stopping: epochs without a better "
            + "validation score before training stops (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--early-stop-on", defaultValue = "loss", description = "The validation figure that picks the "
            + "best epoch and stops training: loss (the forecast term of the training loss) or mse-ratio (the mean "
            + "forecast's MSE over the zero return's, averaged over horizons). Default: ${DEFAULT-VALUE}.")
    String earlyStopOn;

    @Option(names = "--mean-correction", defaultValue = "auto", description = "What the validation split may change "
            + "of the point forecast: full (it scales the explicit pathway's forecast and what diffusion adds to it, "
            + "each kept only where the information criterion backs it, so an FX mean without skill becomes the zero "
            + "return), branch (only what diffusion adds; the explicit forecast is kept whole), none, or auto: full for "
            + "market data, branch with --ett (measured, docs/evaluation.md). Default: ${DEFAULT-VALUE}.")
    String meanCorrection;

    @Option(names = "--fusion", defaultValue = "gated", description = "gated, explicit (the ablation: "
            + "the explicit pathway alone, no diffusion) or implicit (the diffusion branch alone). "
            + "Default: ${DEFAULT-VALUE}.")
    String fusion;

    @Option(names = "--fusion-form", defaultValue = "mix", description = "mix (the two pathways mixed by a gate "
            + "read from both) or residual (the implicit pathway reads the denoised and the clean latent and forecasts a "
            + "correction to the explicit one, so the model starts exactly at its explicit pathway; experimental: it "
            + "broke the spread on the known-volatility test). Default: ${DEFAULT-VALUE}.")
    String fusionForm;

    @Option(names = "--explicit", defaultValue = "linear", description = "The explicit pathway: linear (DLinear's "
            + "map of the lookback, started at its least-squares fit) or patchtst (patches of the lookback through a "
            + "small transformer encoder). Default: ${DEFAULT-VALUE}.")
    String explicit;

    @Option(names = "--explicit-fit", defaultValue = "least-squares", description = "least-squares (the linear "
            + "pathway stays at its closed-form fit, the training windows' MSE optimum; with --fusion explicit nothing "
            + "is left to train) or trained (it starts there and trains with the rest; the CRPS pulls it towards a "
            + "median fit). --explicit patchtst is always trained. Default: ${DEFAULT-VALUE}.")
    String explicitFit;

    @Option(names = "--explicit-input", defaultValue = "auto", description = "What the linear pathway reads: returns "
            + "(the lookback's returns: it forecasts the change from the last value), level (also the window's level, "
            + "as DLinear's map of the values does), both (the average of those two fits), or auto: returns for market "
            + "data, both with --ett (docs/evaluation.md). Default: ${DEFAULT-VALUE}.")
    String explicitInput;

    @Option(names = "--instance-norm", defaultValue = "auto", description = "session (each window's returns divided "
            + "by their own root mean square after the training split's intraday volatility profile is divided out, the "
            + "forecast multiplied back by both over the bars ahead: the spread follows volatility and the hour), revin "
            + "(the same without the profile), none, or auto: session for market data, none with --ett (measured "
            + "better on each, docs/evaluation.md). Default: ${DEFAULT-VALUE}.")
    String instanceNorm;

    @Option(names = "--max-minutes", defaultValue = "0",
            description = "Wall-time budget in minutes (0 = none; default: ${DEFAULT-VALUE}).")
    double maxMinutes;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the initial weights, batches and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--vae-path", paramLabel = "DIR", description = "Paper profile: a local diffusers VAE folder.")
    Path vaePath;

    @Option(names = "--clip-path", paramLabel = "DIR", description = "Paper profile: a local CLIP folder "
            + "(config.json, model.safetensors, tokenizer.json).")
    Path clipPath;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue stage 2 exactly where the run that wrote "
            + "DIR stopped (its live weights, EMA averages, optimiser moments, early-stopping counter and epoch; the "
            + "same --epochs and settings give the same model as an uninterrupted run).")
    Path resume;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the checkpoint.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String sym;
        Timeframe tf;
        List<Integer> hs = new ArrayList<>();
        LongHorizonPrices.Training bench = null;
        if (ett != null) {
            if (ettHorizon < 1) {
                throw new FxdException("--ett-horizon must be at least 1, got " + ettHorizon);
            }
            LongHorizonData data = LongHorizonData.load(ett, LongHorizonData.LOOKBACK);
            sym = data.name();
            tf = LongHorizonPrices.timeframe(sym);
            for (int k = 1; k <= ettHorizon; k++) {
                hs.add(k * tf.minutes());
            }
            bench = LongHorizonPrices.training(data, tf, LongHorizonData.LOOKBACK, ettHorizon);
        } else {
            if (symbol == null || timeframe == null) {
                throw new FxdException("--symbol and --timeframe are required (or --ett FILE)");
            }
            sym = Instrument.normalise(symbol);
            tf = timeframe;
            for (Horizon h : Horizon.parseList(horizons)) {
                h.bars(tf);
                hs.add(h.minutes());
            }
        }
        Ldm4tsConfig base = Profile.parse(profile) == Profile.COMPACT
                ? Ldm4tsConfig.compact(sym, tf, hs, seed)
                : paper(sym, tf, hs);
        if (bench != null) {
            base = base.withSizes(LongHorizonData.LOOKBACK, base.imageSize(), base.vae(), base.unet(), base.text(), base.diffusion(),
                    base.fusionHidden());
        }
        base = modelChoices(base, bench != null);
        String stopOn = oneOf("--early-stop-on", earlyStopOn, TrainingConfig.STOP_ON_LOSS,
                TrainingConfig.STOP_ON_MSE_RATIO);
        TrainingConfig tc = TrainingConfig.builder().vaeEpochs(vaeEpochs).maxVaeImages(vaeImages).epochs(epochs)
                .batchSize(batch).learningRate(lr).patience(patience).trainStride(stride)
                .validationWindows(validationWindows).validationSamples(validationSamples).lossSamples(lossSamples)
                .maxMinutes(maxMinutes).seed(seed).earlyStopOn(stopOn).meanCorrection(meanCorrection(bench != null))
                .build();
        long fromMs = from == null ? Long.MIN_VALUE : TimeArg.parse("--from", from);
        long toMs = to == null ? Long.MAX_VALUE : TimeArg.parse("--to", to);
        String runId = UUID.randomUUID().toString();
        String version = CodeVersion.current();
        try (Database d = bench != null ? db.open() : db.openExisting()) {
            BarSeries bars = bench != null ? bench.series() : d.candles().read(sym, tf, fromMs, toMs);
            if (bars.isEmpty()) {
                throw new FxdException("no " + sym + " " + tf + " bars stored in " + d.url()
                        + " for the range asked (import and resample first)");
            }
            ModelRecords records = new ModelRecords(d);
            records.startRun(new ModelRecords.TrainingRun(runId, sym, tf.name(), base.profile(), bars.ts(0),
                    bars.ts(bars.size() - 1), seed, version, Json.write(tc), out.toAbsolutePath().toString()),
                    System.currentTimeMillis());
            List<EpochRecord> epochsDone = new ArrayList<>();
            Ldm4tsTrainer.Result result;
            try (TrainingProgress bar = new TrainingProgress(records, runId, epochsDone, tc.epochs())) {
                result = new Ldm4tsTrainer(tc, bar).train(bars, bench != null ? bench.fractions() : SplitFractions.DEFAULT,
                        base, version, out, resume);
            } catch (RuntimeException e) {
                records.finishRun(runId, "failed", null, Json.write(epochsDone), e.getMessage(), System.currentTimeMillis());
                throw e;
            }
            String modelVersion = Ldm4tsForecaster.version(out);
            var st = result.state();
            records.register(new ModelRecords.Model(modelVersion, out.toAbsolutePath().toString(), sym, tf.name(),
                    base.profile(), base.imageSize(), base.vaePath() == null ? "trained" : base.vaePath(),
                    base.diffusion().samplingSteps(), base.monteCarloSamples(), result.config().data().from(),
                    result.config().data().to(), st.epoch(), result.config().data().trainWindows(),
                    st.validation().mse(), st.validation().mae()), System.currentTimeMillis());
            records.finishRun(runId, "done", modelVersion, Json.write(st.history()), null, System.currentTimeMillis());
            var o = spec.commandLine().getOut();
            var v = st.validation();
            o.printf(Locale.ROOT, "model %s saved to %s (%,d parameters)%n", modelVersion, out, result.parameters());
            o.printf(Locale.ROOT, "stopped by %s after %d epochs, %.1f min; VAE %.1f windows/s, denoiser %.1f windows/s; "
                            + "peak RSS %.0f MiB%n", st.stopReason(), st.epoch(), st.seconds() / 60,
                    st.vaeWindowsPerSecond(), st.denoiserWindowsPerSecond(), st.peakRssBytes() / 1048576.0);
            var correction = result.config().meanCorrection();
            if (correction == null) {
                o.println("mean forecast not corrected (--mean-correction none)");
            } else {
                o.printf(Locale.ROOT, "mean forecast corrected by the validation split: explicit pathway × %s, "
                        + "diffusion branch's addition × %s%n", factors(correction.explicit()), factors(correction.branch()));
            }
            v.horizons().forEach((h, m) -> o.printf(Locale.ROOT, "validation %s-min return on %d windows: MSE ratio "
                            + "to zero return %.4f, direction %.1f%%, CRPS %.4e, raw coverage90 %.1f%%, mean σ %.3e%n",
                    h, v.windows(), m.mseRatio(), 100 * m.directionalAccuracy(), m.crps(), 100 * m.coverage90(),
                    m.meanStd()));
            o.flush();
            return 0;
        }
    }

    private static String factors(List<Double> f) {
        return f.size() <= 12 ? f.stream().map(x -> String.format(Locale.ROOT, "%.3f", x)).toList().toString()
                : String.format(Locale.ROOT, "(%d steps, %.3f to %.3f, mean %.3f)", f.size(),
                        f.stream().mapToDouble(Double::doubleValue).min().orElse(1),
                        f.stream().mapToDouble(Double::doubleValue).max().orElse(1),
                        f.stream().mapToDouble(Double::doubleValue).average().orElse(1));
    }

    private Ldm4tsConfig paper(String sym, Timeframe tf, List<Integer> hs) {
        Ldm4tsConfig c = Ldm4tsConfig.paper(sym, tf, hs, seed, vaePath == null ? null : vaePath.toString(),
                clipPath == null ? null : clipPath.toString());
        return vaePath == null ? c : c.withVae(DiffusersVae.readConfig(vaePath));
    }

    /** The fusion, pathway, fit, input, normalisation and loss options applied to the profile's configuration. */
    private Ldm4tsConfig modelChoices(Ldm4tsConfig base, boolean benchmark) {
        TemporalFusion.Mode mode = switch (oneOf("--fusion", fusion, "gated", "explicit", "implicit")) {
            case "explicit" -> TemporalFusion.Mode.EXPLICIT_ONLY;
            case "implicit" -> TemporalFusion.Mode.IMPLICIT_ONLY;
            default -> TemporalFusion.Mode.GATED;
        };
        String pathway = oneOf("--explicit", explicit, Ldm4tsConfig.EXPLICIT_LINEAR, Ldm4tsConfig.EXPLICIT_PATCHTST);
        String form = oneOf("--fusion-form", fusionForm, Ldm4tsConfig.FUSION_MIX, Ldm4tsConfig.FUSION_RESIDUAL);
        String fit = oneOf("--explicit-fit", explicitFit, Ldm4tsConfig.FIT_TRAINED, Ldm4tsConfig.FIT_LEAST_SQUARES);
        if (Ldm4tsConfig.EXPLICIT_PATCHTST.equals(pathway)) {
            // PatchTST has no closed form to keep.
            fit = Ldm4tsConfig.FIT_TRAINED;
        }
        String input = oneOf("--explicit-input", explicitInput, "auto", Ldm4tsConfig.INPUT_RETURNS,
                Ldm4tsConfig.INPUT_LEVEL, Ldm4tsConfig.INPUT_BOTH);
        if (input.equals("auto")) {
            input = benchmark && Ldm4tsConfig.EXPLICIT_LINEAR.equals(pathway) ? Ldm4tsConfig.INPUT_BOTH
                    : Ldm4tsConfig.INPUT_RETURNS;
        } else if (!Ldm4tsConfig.INPUT_RETURNS.equals(input) && !Ldm4tsConfig.EXPLICIT_LINEAR.equals(pathway)) {
            throw new FxdException("--explicit-input " + input + " needs --explicit linear: PatchTST reads the returns");
        }
        String instance = oneOf("--instance-norm", instanceNorm, "auto", Ldm4tsConfig.INSTANCE_SESSION,
                Ldm4tsConfig.INSTANCE_REVIN, Ldm4tsConfig.INSTANCE_NONE);
        if (instance.equals("auto")) {
            instance = benchmark ? Ldm4tsConfig.INSTANCE_NONE : Ldm4tsConfig.INSTANCE_SESSION;
        }
        String lossKind = oneOf("--loss", loss, Ldm4tsConfig.LOSS_CRPS, Ldm4tsConfig.LOSS_MSE);
        if (Ldm4tsConfig.LOSS_CRPS.equals(lossKind) && lossSamples < 2) {
            throw new FxdException("--loss-samples must be at least 2 with --loss crps, got " + lossSamples);
        }
        return base.toBuilder().fusionMode(mode).explicitPathway(pathway).explicitFit(fit).explicitInput(input)
                .instanceNorm(instance).fusionForm(form).loss(lossKind).build();
    }

    private String meanCorrection(boolean benchmark) {
        String mode = oneOf("--mean-correction", meanCorrection, "auto", TrainingConfig.CORRECT_FULL,
                TrainingConfig.CORRECT_BRANCH, TrainingConfig.CORRECT_NONE);
        if (mode.equals("auto")) {
            return benchmark ? TrainingConfig.CORRECT_BRANCH : TrainingConfig.CORRECT_FULL;
        }
        return mode;
    }

    /** The value in lower case if it is one of the allowed ones; else an error naming the option and the value. */
    private static String oneOf(String option, String value, String... allowed) {
        String v = value.toLowerCase(Locale.ROOT);
        if (!List.of(allowed).contains(v)) {
            String choices = String.join(", ", List.of(allowed).subList(0, allowed.length - 1)) + " or "
                    + allowed[allowed.length - 1];
            throw new FxdException(option + " must be " + choices + ", got '" + value + "'");
        }
        return v;
    }
}
