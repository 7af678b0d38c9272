package com.forexdiffusion.app.bench;

import com.forexdiffusion.ldm4ts.compute.ComputeSettings;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.app.forecast.SamplerOptions;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.ProcessMemory;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.ldm4ts.service.ForecastBenchmark;
import com.forexdiffusion.ldm4ts.service.Ldm4tsForecaster;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import com.forexdiffusion.forecast.ForecastRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Latency of one LDM4TS forecast (p50/p95/p99 after warm-up), batch throughput at 32 and 128 "
                + "windows, cold start (process start to first forecast) and where one forecast's time goes. Windows "
                + "come from a seeded synthetic series of the model's timeframe.",
        footer = {"%nExamples:",
                "  fxd bench forecast --model models/latest --samples 50 --json"})
public final class BenchForecastCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "LDM4TS checkpoint directory.")
    Path model;

    @Option(names = "--samples", defaultValue = "50", converter = com.forexdiffusion.app.SamplesConverter.class,
            description = "Monte Carlo samples per forecast (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--runs", defaultValue = "40", description = "Timed single forecasts (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "5",
            description = "Untimed forecasts first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--no-batches", description = "Skip the batch-32 and batch-128 throughput runs.")
    boolean noBatches;

    @Option(names = "--soak", defaultValue = "0", description = "Then run this many single forecasts and report the "
            + "resident memory after each tenth of them (native growth shows here, not in the Java heap). "
            + "Default: ${DEFAULT-VALUE}.")
    int soak;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Mixin
    SamplerOptions sampler;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ModelRegistry registry = new ModelRegistry(Ldm4tsModel.defaultDevice())) {
            Ldm4tsForecaster f = registry.load(model, sampler.override());
            Timeframe tf = f.timeframe();
            int days = Math.max(3, (int) Math.ceil((f.lookback() + 200.0) * tf.minutes() / (60 * 24 * 5.0 / 7)) + 3);
            BarSeries m1 = new SyntheticGenerator(SyntheticConfig.defaults(7)).generate(f.config().symbol(),
                    1_704_067_200_000L, days);
            BarSeries bars = tf == Timeframe.M1 ? m1 : Resampler.resample(m1, tf);
            int end = bars.size() - 1;
            f.forecast(new ForecastRequest(bars.slice(end - f.lookback() + 1, end + 1), f.horizons(), samples, 1, false));
            long coldStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            ForecastBenchmark.Result r = ForecastBenchmark.run(f, bars, samples, warmup, runs, !noBatches);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model_version", f.version());
            m.put("profile", f.config().profile());
            m.put("samples", r.samples());
            m.put("horizons", f.config().horizons());
            m.put("runs", r.runs());
            m.put("p50_ms", round(r.p50()));
            m.put("p95_ms", round(r.p95()));
            m.put("p99_ms", round(r.p99()));
            m.put("batch32_forecasts_per_s", round(r.batch32PerS()));
            m.put("batch128_forecasts_per_s", round(r.batch128PerS()));
            m.put("cold_start_ms", coldStart);
            var b = r.breakdown();
            Map<String, Object> parts = new LinkedHashMap<>();
            parts.put("features_ms", round(b.features()));
            parts.put("vae_encode_ms", round(b.vaeEncode()));
            parts.put("conditioning_ms", round(b.conditioning()));
            parts.put("unet_ms", round(b.unet()));
            parts.put("unet_steps", b.unetSteps());
            parts.put("fusion_and_copy_ms", round(b.fusionAndCopy()));
            m.put("breakdown", parts);
            if (soak > 0) {
                m.putAll(soak(f, bars, end));
            }
            m.put("allocator", allocator());
            m.put("cores", Runtime.getRuntime().availableProcessors());
            m.put("threads", ComputeSettings.engineThreads());
            BenchCommand.print(m, json, spec.commandLine().getOut());
        }
        return 0;
    }

    /**
     * Single forecasts on shifting windows, with the resident memory read before and after each tenth of them: a leak
     * grows to the end, allocator caches level off, so the second half's growth per forecast is the figure to watch.
     */
    private Map<String, Object> soak(Ldm4tsForecaster f, BarSeries bars, int end) {
        List<Long> rss = new ArrayList<>();
        List<Long> heap = new ArrayList<>();
        rss.add(ProcessMemory.residentBytes() / 1048576);
        heap.add(heapCommittedMb());
        long halfRss = 0;
        try (ConsoleProgress progress = new ConsoleProgress("soak", "forecasts")) {
            for (int i = 0; i < soak; i++) {
                int e = end - (i % 200);
                f.forecast(new ForecastRequest(bars.slice(e - f.lookback() + 1, e + 1), f.horizons(), samples, i,
                        false));
                if (i + 1 == soak / 2) {
                    halfRss = ProcessMemory.residentBytes();
                }
                if ((i + 1L) * 10 / soak > i * 10L / soak) {
                    rss.add(ProcessMemory.residentBytes() / 1048576);
                    heap.add(heapCommittedMb());
                }
                progress.update(i + 1, soak);
            }
        }
        long after = ProcessMemory.residentBytes();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("soak_forecasts", soak);
        m.put("soak_rss_before_mb", rss.get(0));
        m.put("soak_rss_after_mb", after / 1048576);
        m.put("soak_rss_mb", rss);
        m.put("soak_heap_committed_mb", heap);
        int secondHalf = soak - soak / 2;
        m.put("soak_second_half_kib_per_forecast", soak >= 2 && halfRss > 0
                ? Math.round((after - halfRss) / 1024.0 / secondHalf) : null);
        return m;
    }

    /** The Java heap's share of the resident memory (at most; committed pages need not be touched yet). */
    private static long heapCommittedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1048576;
    }

    /** The C allocator libtorch's tensors come from: the launcher preloads jemalloc where it is installed. */
    private static String allocator() {
        String preload = System.getenv("LD_PRELOAD");
        return preload != null && preload.contains("jemalloc") ? "jemalloc (" + System.getenv()
                .getOrDefault("MALLOC_CONF", "defaults") + ")" : "glibc";
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 100) / 100.0;
    }
}
