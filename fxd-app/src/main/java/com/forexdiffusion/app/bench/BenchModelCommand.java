package com.forexdiffusion.app.bench;

import com.forexdiffusion.ldm4ts.compute.ComputeSettings;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.ldm4ts.benchmark.ModelBenchmark;
import com.forexdiffusion.ldm4ts.model.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Build an LDM4TS profile at its true sizes on random weights; report parameters by part and "
                + "the median milliseconds of a VAE encode, the conditioning, one U-Net step and the whole Monte "
                + "Carlo sampling of one window.",
        footer = {"%nExamples:",
                "  fxd bench model --profile paper --samples 0 --json"})
public final class BenchModelCommand implements Callable<Integer> {
    @Option(names = "--profile", defaultValue = "compact",
            description = "compact or paper (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--samples", defaultValue = "50", converter = com.forexdiffusion.app.SamplesConverter.OrZero.class,
            description = "Monte Carlo samples (0 skips the sampling; default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--repeats", defaultValue = "5",
            description = "Timed repetitions; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BarSeries m1 = new SyntheticGenerator(SyntheticConfig.defaults(3)).generate("EURUSD", 1_704_067_200_000L, 3);
        BarSeries bars = Resampler.resample(m1, com.forexdiffusion.core.Timeframe.M5);
        ModelBenchmark.Result r = ModelBenchmark.run(Profile.parse(profile), bars, samples, repeats);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", r.profile());
        m.put("image_size", r.imageSize());
        m.put("parameters", r.parameters());
        m.put("build_ms", Math.round(r.buildMs()));
        m.put("vae_encode_ms", round(r.encodeMs()));
        m.put("conditioning_ms", round(r.contextMs()));
        m.put("unet_step_ms", round(r.unetStepMs()));
        m.put("samples", r.samples());
        m.put("unet_steps_per_sample", r.unetSteps());
        m.put("sample_ms", round(r.sampleMs()));
        m.put("threads", ComputeSettings.engineThreads());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("onednn_max_cpu_isa", System.getenv().getOrDefault("ONEDNN_MAX_CPU_ISA", "default"));
        BenchCommand.print(m, json, spec.commandLine().getOut());
        return 0;
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10) / 10.0;
    }
}
