package com.forexdiffusion.app.model;

import com.forexdiffusion.app.Json;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.ldm4ts.checkpoint.Checkpoint;
import com.forexdiffusion.ldm4ts.checkpoint.TrainingState;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe a model directory: profile, parameter count, horizons, timeframe, window and the "
                + "validation figures. Every weight is loaded and checked; a broken checkpoint exits 1.",
        footer = {"%nExamples:",
                "  fxd model info models/latest --json"})
public final class ModelInfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Checkpoint directory written by fxd train.")
    Path dir;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Ldm4tsConfig cfg;
        long parameters;
        try (Ldm4tsModel model = Checkpoint.load(dir, Ldm4tsModel.defaultDevice())) {
            cfg = model.config();
            parameters = model.params().count();
        }
        TrainingState st = Checkpoint.readTraining(dir);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("profile", cfg.profile());
        info.put("parameters", parameters);
        info.put("symbol", cfg.symbol());
        info.put("horizons", cfg.horizons());
        info.put("timeframe", cfg.timeframe());
        info.put("window", cfg.lookback());
        info.put("image_size", cfg.imageSize());
        info.put("sampling_steps", cfg.diffusion().samplingSteps());
        info.put("seed", cfg.seed());
        info.put("code_version", cfg.codeVersion());
        if (cfg.data() != null) {
            info.put("data_from", TimeArg.format(cfg.data().from()));
            info.put("data_to", TimeArg.format(cfg.data().to()));
            info.put("train_windows", cfg.data().trainWindows());
        }
        info.put("loss", cfg.lossKind());
        info.put("explicit_input", cfg.explicitInputKind());
        info.put("instance_norm", cfg.instanceNormKind());
        info.put("sample_head_noise", cfg.headNoise());
        info.put("diffusion_draws", cfg.diffusion().draws());
        // Keyed by horizon minutes: the raw samples' figures (no conformal step) of the saved weights.
        Map<String, Object> val = new LinkedHashMap<>();
        if (st != null && st.validation() != null) {
            st.validation().horizons().forEach(val::put);
            info.put("validation_windows", st.validation().windows());
            info.put("epochs", st.epoch());
            info.put("stop_reason", st.stopReason());
        }
        info.put("validation", val);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(info));
        } else {
            info.forEach((k, v) -> {
                if (!k.equals("validation")) {
                    out.printf(Locale.ROOT, "%-18s %s%n", k, v);
                }
            });
            printValidation(out, val);
        }
        out.flush();
        return 0;
    }

    private static void printValidation(java.io.PrintWriter out, Map<String, Object> val) {
        if (val.isEmpty()) {
            out.println("validation         none (no training record)");
            return;
        }
        out.println("validation (raw samples)  horizon  MSE ratio  direction  CRPS        coverage90  mean std");
        val.forEach((h, v) -> {
            var m = (com.forexdiffusion.ldm4ts.checkpoint.HorizonValidation) v;
            out.printf(Locale.ROOT, "                          %4s min  %9.4f  %8.1f%%  %.4e  %9.1f%%  %.3e%n", h,
                    m.mseRatio(), 100 * m.directionalAccuracy(), m.crps(), 100 * m.coverage90(), m.meanStd());
        });
    }
}
