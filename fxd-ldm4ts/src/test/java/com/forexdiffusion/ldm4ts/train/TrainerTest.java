package com.forexdiffusion.ldm4ts.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.ldm4ts.checkpoint.Checkpoint;
import com.forexdiffusion.ldm4ts.checkpoint.TrainingState;
import com.forexdiffusion.ldm4ts.model.Batch;
import com.forexdiffusion.ldm4ts.model.DiffusionConfig;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.model.TextConfig;
import com.forexdiffusion.ldm4ts.model.WindowFeatures;
import com.forexdiffusion.ldm4ts.unet.UnetConfig;
import com.forexdiffusion.ldm4ts.vae.VaeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole pipeline at toy sizes on synthetic bars: both stages train, the checkpoint loads and samples. */
public class TrainerTest {
    @TempDir
    Path dir;

    public static Ldm4tsConfig tiny() {
        return Ldm4tsConfig.compact("EURUSD", Timeframe.M1, List.of(5, 10), 7).withSizes(32, 16,
                new VaeConfig(3, 3, List.of(32, 32), 1, 4, 32, 1.0, 16),
                new UnetConfig(4, 4, List.of(32, 32), 1, List.of(true, false), 32, 2, 32),
                new TextConfig(24, 32, 1, 2), DiffusionConfig.oneStep(), 16);
    }

    @Test
    void compactPipelineTrainsSavesAndReloads() throws Exception {
        BarSeries bars = new SyntheticGenerator(SyntheticConfig.defaults(5)).generate("EURUSD",
                1_704_067_200_000L, 3);
        TrainingConfig tc = TrainingConfig.defaults(11).withEpochs(2).withSizes(2, 64, 16, 8, 24, 3);
        Ldm4tsTrainer.Result r = new Ldm4tsTrainer(tc, TrainingListener.NONE).train(bars, tiny(), "test", dir, null);

        for (String f : List.of(Checkpoint.CONFIG, Checkpoint.MODEL, Checkpoint.TRAINING, Checkpoint.OPTIMIZER)) {
            assertThat(dir.resolve(f)).exists();
        }
        TrainingState st = Checkpoint.readTraining(dir);
        assertThat(st.history()).extracting(e -> e.stage()).contains("vae", "denoiser");
        assertThat(st.validation().windows()).isEqualTo(24);
        assertThat(st.validation().mse()).isPositive().isFinite();
        assertThat(st.validation().zeroReturnMse()).isPositive();
        assertThat(r.config().normalisation().latentScale()).isPositive();
        assertThat(r.config().data().bars()).isEqualTo(bars.size());

        try (Ldm4tsModel model = Checkpoint.load(dir, Device.cpu())) {
            assertThat(model.params().count()).isEqualTo(r.parameters());
            model.params().freezeAll();
            WindowFeatures wf = new WindowFeatures(model.config(), model.tokenizer());
            Batch b = wf.build(bars, new int[] {100, 200}, 2);
            try (NDScope scope = new NDScope()) {
                NDArray z = model.encodeMean(model.images(model.manager(), b))
                        .mul((float) model.config().normalisation().latentScale());
                float[][][] a = model.sample(model.manager(), b, z, 5, 1);
                float[][][] again = model.sample(model.manager(), b, z, 5, 1);
                float[][][] other = model.sample(model.manager(), b, z, 5, 2);
                assertThat(a[0][0]).hasSize(2);
                assertThat(a[1][4][1]).isFinite();
                assertThat(again[1][3]).containsExactly(a[1][3]);
                assertThat(other[1][3][0]).isNotEqualTo(a[1][3][0]);
            }
        }
    }

    @Test
    void brokenCheckpointsFailWithTheirName() throws Exception {
        BarSeries bars = new SyntheticGenerator(SyntheticConfig.defaults(5)).generate("EURUSD",
                1_704_067_200_000L, 3);
        TrainingConfig tc = TrainingConfig.defaults(11).withEpochs(1).withSizes(1, 32, 16, 16, 8, 1);
        new Ldm4tsTrainer(tc, TrainingListener.NONE).train(bars, tiny(), "test", dir, null);
        byte[] weights = Files.readAllBytes(dir.resolve(Checkpoint.MODEL));
        Files.write(dir.resolve(Checkpoint.MODEL), java.util.Arrays.copyOf(weights, weights.length / 2));
        assertThatThrownBy(() -> Checkpoint.load(dir, Device.cpu())).hasMessageContaining(Checkpoint.MODEL)
                .hasMessageContaining("truncated");
        Files.writeString(dir.resolve(Checkpoint.CONFIG), "{\"profile\": ");
        assertThatThrownBy(() -> Checkpoint.load(dir, Device.cpu())).hasMessageContaining(Checkpoint.CONFIG);
        assertThatThrownBy(() -> Checkpoint.load(dir.resolve("nowhere"), Device.cpu()))
                .hasMessageContaining("not a model directory");
    }

    /** Thrown by a listener to stop a run where a crash would: after an epoch was saved. */
    private static final class Interrupted extends RuntimeException {
    }

    /**
     * One intra-op thread, which makes the runs bit-equal on an idle machine. Under load they still are not: oneDNN's
     * reductions round differently from run to run, and Adam magnifies that in weights whose gradients are near
     * zero (CI measured a correct resume 7.8 % and, on one thread beside other jobs, 10.9 % of the epoch's move
     * away). A wrong resume moves the state about as far as the epoch did, so the bounds sit between the two.
     */
    @Test
    void resumeAfterAnInterruptionGivesTheWeightsOfAnUninterruptedRun() throws Exception {
        ai.djl.engine.Engine.getInstance();
        int threads = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
        try {
            resumeOnOneThread();
        } finally {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
    }

    private void resumeOnOneThread() throws Exception {
        BarSeries bars = new SyntheticGenerator(SyntheticConfig.defaults(5)).generate("EURUSD",
                1_704_067_200_000L, 3);
        TrainingConfig two = TrainingConfig.defaults(11).withEpochs(2).withSizes(1, 32, 16, 16, 8, 4);
        Path whole = dir.resolve("whole");
        new Ldm4tsTrainer(two, TrainingListener.NONE).train(bars, tiny(), "test", whole, null);

        Path cut = dir.resolve("cut");
        TrainingListener stopsAtEpochTwo = new TrainingListener() {
            @Override
            public void stage(String name, long total) {
                if (name.startsWith("denoiser epoch 2")) {
                    throw new Interrupted();
                }
            }
        };
        assertThatThrownBy(() -> new Ldm4tsTrainer(two, stopsAtEpochTwo).train(bars, tiny(), "test", cut, null))
                .isInstanceOf(Interrupted.class);
        Path resumed = dir.resolve("resumed");
        new Ldm4tsTrainer(two, TrainingListener.NONE).train(bars, tiny(), "test", resumed, cut);

        TrainingState a = Checkpoint.readTraining(whole);
        TrainingState b = Checkpoint.readTraining(resumed);
        assertThat(b.step()).isEqualTo(a.step());
        assertThat(b.history()).extracting(e -> e.stage() + e.epoch()).isEqualTo(
                a.history().stream().map(e -> e.stage() + e.epoch()).toList());
        // A wrong resume (fresh moments, another draw order, the EMA restarted) moves the state about as far as the
        // epoch itself did. Measured on 2 idle cores: 0 here, 1.0 with the optimiser moments left unrestored (and
        // the validation loss then 0.65 % off); under load a correct resume up to 0.11.
        double[] off = distance(resumed.resolve(Checkpoint.RESUME), whole.resolve(Checkpoint.RESUME),
                cut.resolve(Checkpoint.RESUME));
        assertThat(off[0]).isLessThan(0.3 * off[1]);
        double[] best = distance(resumed.resolve(Checkpoint.MODEL), whole.resolve(Checkpoint.MODEL),
                cut.resolve(Checkpoint.RESUME));
        System.out.printf("resume: state off %.3g of the epoch's move, model off %.3g, validation loss %.4g vs %.4g%n",
                off[0] / off[1], best[0] / best[1], b.bestValidationLoss(), a.bestValidationLoss());
        // The model file holds the best epoch's (EMA) weights. When the runs are bit-equal (the usual case, state off
        // 0.00) it must equal the uninterrupted run's. When rounding differs (once in CI: state off 0.10, model off
        // 0.69 of the move, validation loss 0.9650 against 0.9602) the EMA copy amplifies it, and two epochs whose
        // losses are close (0.54 % apart here) can swap places; then the state check above carries the test, and each
        // kept epoch's validation loss must agree between the runs.
        int bestWhole = bestEpoch(a);
        int bestResumed = bestEpoch(b);
        if (off[0] < 0.01 * off[1] && bestWhole == bestResumed) {
            assertThat(best[0]).isLessThan(0.3 * best[1]);
        }
        for (int epoch : new int[] {bestWhole, bestResumed}) {
            assertThat(lossOf(b, epoch)).as("validation loss of epoch " + epoch)
                    .isCloseTo(lossOf(a, epoch), org.assertj.core.data.Percentage.withPercentage(1.0));
        }
        // Under load the rounding differences reach the validation loss too (0.1 % measured beside other jobs, with
        // the state 0.11 off); the unrestored moments put it 0.65 % off, which the state check above catches, so
        // this bound only catches a resume that went wholly wrong.
        assertThat(b.bestValidationLoss()).isCloseTo(a.bestValidationLoss(),
                org.assertj.core.data.Percentage.withPercentage(1.0));
    }

    /** The epoch of the last stage whose validation loss was lowest. */
    private static int bestEpoch(TrainingState s) {
        String stage = s.history().get(s.history().size() - 1).stage();
        return s.history().stream().filter(e -> e.stage().equals(stage))
                .min(java.util.Comparator.comparingDouble(com.forexdiffusion.ldm4ts.checkpoint.EpochRecord::validationLoss))
                .orElseThrow().epoch();
    }

    private static double lossOf(TrainingState s, int epoch) {
        String stage = s.history().get(s.history().size() - 1).stage();
        return s.history().stream().filter(e -> e.stage().equals(stage) && e.epoch() == epoch).findFirst()
                .orElseThrow().validationLoss();
    }

    /**
     * {‖a − b‖, ‖b − c‖} over all tensors of b's file (keys of c prefixed {@code live.} when c is a resume state and b
     * is a model), the keys of a and b equal.
     */
    private static double[] distance(Path a, Path b, Path c) {
        var ta = com.forexdiffusion.ldm4ts.checkpoint.Safetensors.read(a).tensors();
        var tb = com.forexdiffusion.ldm4ts.checkpoint.Safetensors.read(b).tensors();
        var tc = com.forexdiffusion.ldm4ts.checkpoint.Safetensors.read(c).tensors();
        assertThat(ta.keySet()).isEqualTo(tb.keySet());
        double off = 0;
        double move = 0;
        for (var e : tb.entrySet()) {
            float[] y = ta.get(e.getKey()).values();
            float[] x = e.getValue().values();
            var before = tc.containsKey(e.getKey()) ? tc.get(e.getKey()) : tc.get("live." + e.getKey());
            float[] w = before == null ? x : before.values();
            for (int i = 0; i < x.length; i++) {
                off += (double) (y[i] - x[i]) * (y[i] - x[i]);
                move += (double) (x[i] - w[i]) * (x[i] - w[i]);
            }
        }
        return new double[] {Math.sqrt(off), Math.sqrt(move)};
    }

    @Test
    void resumeNeedsAResumableDirectory() {
        BarSeries bars = new SyntheticGenerator(SyntheticConfig.defaults(5)).generate("EURUSD",
                1_704_067_200_000L, 3);
        TrainingConfig one = TrainingConfig.defaults(11).withEpochs(1).withSizes(1, 32, 16, 16, 8, 1);
        assertThatThrownBy(() -> new Ldm4tsTrainer(one, TrainingListener.NONE).train(bars, tiny(), "test",
                dir.resolve("out"), dir.resolve("missing"))).hasMessageContaining(Checkpoint.RESUME)
                .hasMessageContaining("no resume state");
    }

    @Test
    void explicitPathwayAloneTrainsWithoutVaeOrLatents() {
        BarSeries bars = new SyntheticGenerator(SyntheticConfig.defaults(5)).generate("EURUSD",
                1_704_067_200_000L, 3);
        TrainingConfig tc = TrainingConfig.defaults(11).withEpochs(1).withSizes(1, 32, 16, 16, 8, 1);
        Ldm4tsTrainer.Result r = new Ldm4tsTrainer(tc, TrainingListener.NONE).train(bars,
                tiny().withFusionMode(com.forexdiffusion.ldm4ts.fusion.TemporalFusion.Mode.EXPLICIT_ONLY), "test",
                dir, null);
        assertThat(r.state().history()).extracting(e -> e.stage()).containsOnly("denoiser");
        assertThat(r.state().validation().mse()).isFinite();
    }

    @Test
    void earlyStoppingOnTheMseRatioKeepsTheEpochWithTheLowestMeanRatio() {
        BarSeries bars = new SyntheticGenerator(SyntheticConfig.defaults(5)).generate("EURUSD",
                1_704_067_200_000L, 3);
        var explicitOnly = tiny().withFusionMode(com.forexdiffusion.ldm4ts.fusion.TemporalFusion.Mode.EXPLICIT_ONLY);
        TrainingConfig tc = TrainingConfig.defaults(11).withEpochs(4).withSizes(1, 32, 16, 4, 64, 1).toBuilder()
                .patience(4).learningRate(3e-2).earlyStopOn(TrainingConfig.STOP_ON_MSE_RATIO).build();
        TrainingState s = new Ldm4tsTrainer(tc, TrainingListener.NONE).train(bars, explicitOnly, "test", dir, null)
                .state();
        double[] ratios = s.history().stream().filter(e -> e.stage().equals("denoiser"))
                .mapToDouble(e -> e.validation().horizons().values().stream()
                        .mapToDouble(com.forexdiffusion.ldm4ts.checkpoint.HorizonValidation::mseRatio).average()
                        .orElseThrow()).toArray();
        assertThat(ratios).hasSize(4);
        assertThat(s.bestValidationLoss()).isEqualTo(java.util.Arrays.stream(ratios).min().orElseThrow());
        // the validation loss is another figure, so the run did not select on it
        double lowestLoss = s.history().stream().filter(e -> e.stage().equals("denoiser"))
                .mapToDouble(com.forexdiffusion.ldm4ts.checkpoint.EpochRecord::validationLoss).min().orElseThrow();
        assertThat(s.bestValidationLoss()).isNotCloseTo(lowestLoss, org.assertj.core.data.Percentage.withPercentage(1));
        assertThatThrownBy(() -> tc.toBuilder().earlyStopOn("crps").build()).hasMessageContaining("mse-ratio");
    }

    @Test
    void aLinearPathwayKeptAtItsLeastSquaresFitDoesNotMoveWhileTheRestTrains() {
        BarSeries bars = new SyntheticGenerator(SyntheticConfig.defaults(5)).generate("EURUSD",
                1_704_067_200_000L, 3);
        TrainingConfig tc = TrainingConfig.defaults(11).withEpochs(1).withSizes(1, 32, 16, 16, 8, 1);
        var frozen = tiny().toBuilder().explicitFit(Ldm4tsConfig.FIT_LEAST_SQUARES).build();
        var closedForm = frozen.withFusionMode(com.forexdiffusion.ldm4ts.fusion.TemporalFusion.Mode.EXPLICIT_ONLY);
        var trained = tiny().withFusionMode(com.forexdiffusion.ldm4ts.fusion.TemporalFusion.Mode.EXPLICIT_ONLY);
        TrainingState cf = new Ldm4tsTrainer(tc, TrainingListener.NONE).train(bars, closedForm, "test",
                dir.resolve("cf"), null).state();
        new Ldm4tsTrainer(tc, TrainingListener.NONE).train(bars, frozen, "test", dir.resolve("gated"), null);
        new Ldm4tsTrainer(tc, TrainingListener.NONE).train(bars, trained, "test", dir.resolve("trained"), null);
        assertThat(cf.stopReason()).isEqualTo("closed_form");
        float[] fit = weight(dir.resolve("cf"), "fusion.explicit.weight");
        // the gated model's other weights trained, its explicit pathway stayed at the same least-squares fit
        assertThat(weight(dir.resolve("gated"), "fusion.explicit.weight")).containsExactly(fit);
        assertThat(weight(dir.resolve("gated"), "fusion.gate.weight"))
                .isNotEqualTo(weight(dir.resolve("cf"), "fusion.gate.weight"));
        // without the option the pathway trains away from that fit
        assertThat(weight(dir.resolve("trained"), "fusion.explicit.weight")).isNotEqualTo(fit);
    }

    private static float[] weight(Path checkpoint, String name) {
        return com.forexdiffusion.ldm4ts.checkpoint.Safetensors.read(checkpoint.resolve(Checkpoint.MODEL)).tensors()
                .get(name).values();
    }

    @Test
    void learningRateWarmsUpThenFollowsTheCosine() {
        assertThat(TrainingConfig.learningRate(1.0, 0, 100, 0.1)).isEqualTo(0.1);
        assertThat(TrainingConfig.learningRate(1.0, 9, 100, 0.1)).isEqualTo(1.0);
        // halfway through the cosine part: 0.5 · (1 + cos(π/2)) = 0.5
        assertThat(TrainingConfig.learningRate(1.0, 55, 100, 0.1)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(TrainingConfig.learningRate(1.0, 100, 100, 0.1)).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-12));
    }

}
