package com.forexdiffusion.app.bench;

import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.data.benchmark.DataBenchmark;
import com.forexdiffusion.trading.optimisation.OptimisationBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = {"Median simple regret of tpe, gp and random over 20 seeds at 50 evaluations on Branin and",
                "Hartmann-6, and trials/s of a one-year M5 backtest objective on cached forecasts, 1 and 2 workers."},
        footer = {"%nExamples:",
                "  fxd bench optimize --trials 4 --json"})
public final class BenchOptimizeCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--trials", defaultValue = "6", description = "Backtest trials per worker setting (default: "
            + "${DEFAULT-VALUE}).")
    int trials;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("fxd-bench-optimize");
        OptimisationBenchmark.Result r;
        try (ConsoleProgress p = new ConsoleProgress("bench optimize: forecasts", "bars")) {
            r = OptimisationBenchmark.run(work, trials, p);
        } finally {
            DataBenchmark.clean(work);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("branin_regret_50", round(r.braninRegret50()));
        m.put("hartmann6_regret_50", round(r.hartmann6Regret50()));
        m.put("seeds", OptimisationBenchmark.SEEDS);
        m.put("backtest_bars", r.bars());
        m.put("backtest_trials", r.trials());
        m.put("trials_per_s_1_worker", Math.round(r.trialsPerS1() * 1000) / 1000.0);
        m.put("trials_per_s_2_workers", Math.round(r.trialsPerS2() * 1000) / 1000.0);
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        BenchCommand.print(m, json, spec.commandLine().getOut());
        return 0;
    }

    private static Map<String, Double> round(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Math.round(v * 1e6) / 1e6));
        return out;
    }
}
