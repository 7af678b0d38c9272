package com.forexdiffusion.app.bench;

import com.forexdiffusion.app.Json;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.app.forecast.SamplerOptions;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.service.Ldm4tsForecaster;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import com.forexdiffusion.data.benchmark.DataBenchmark;
import com.forexdiffusion.vision.benchmark.VisionBenchmark;
import com.forexdiffusion.trading.benchmark.BacktestBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks with machine-readable output (--json); docs/benchmarks.md has the figures.",
        footer = {"%nExamples:", "  fxd bench data --rows 200000 --json",
                "  fxd bench forecast --model models/latest --json"},
        subcommands = {BenchCommand.Data.class, BenchCommand.Vision.class, BenchCommand.BacktestBench.class,
                BenchCommand.PortfolioBench.class,
                BenchModelCommand.class, BenchForecastCommand.class, BenchOptimizeCommand.class, BenchServeCommand.class,
                BenchCtraderCommand.class, BenchLiveCommand.class})
public final class BenchCommand {

    @Command(name = "data", mixinStandardHelpOptions = true,
            description = "Import (parse + validate + SQLite), parse-only and range-read throughput; a one-row write "
                    + "transaction on a new SQLite connection against the pooled one.",
        footer = {"%nExamples:",
                "  fxd bench data --rows 200000 --json"})
    public static final class Data implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "1000000",
                description = "HistData M1 rows (default: ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path work = Files.createTempDirectory("fxd-bench-data");
            DataBenchmark.Result r;
            try (ConsoleProgress p = new ConsoleProgress("bench data", "runs")) {
                r = DataBenchmark.run(rows, work, p);
            } finally {
                DataBenchmark.clean(work);
            }
            PrintWriter out = spec.commandLine().getOut();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", r.rows());
            m.put("import_rows_per_s", Math.round(r.importRowsPerS()));
            m.put("parse_rows_per_s", Math.round(r.parseRowsPerS()));
            m.put("read_bars_per_s", Math.round(r.readBarsPerS()));
            m.put("write_tx_new_connection_us", Math.round(r.connectionOpenMicros() * 10) / 10.0);
            m.put("write_tx_pooled_connection_us", Math.round(r.pooledConnectionMicros() * 10) / 10.0);
            m.put("cores", Runtime.getRuntime().availableProcessors());
            m.put("java", System.getProperty("java.version"));
            print(m, json, out);
            return 0;
        }
    }

    @Command(name = "vision", mixinStandardHelpOptions = true,
            description = "Vision encoding on one thread: windows/s at 64x64 and 224x224 (L = 100), bytes "
                    + "allocated per window by the batch form.",
        footer = {"%nExamples:",
                "  fxd bench vision --seconds 2 --json"})
    public static final class Vision implements Callable<Integer> {
        @Option(names = "--seconds", defaultValue = "5",
                description = "Measuring time per size (default: ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            VisionBenchmark.Result r;
            try (ConsoleProgress p = new ConsoleProgress("bench vision", "steps")) {
                r = VisionBenchmark.run(seconds, p);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("windows_per_s_64", Math.round(r.windowsPerS64()));
            m.put("windows_per_s_224", Math.round(r.windowsPerS224()));
            m.put("bytes_per_window", Math.round(r.bytesPerWindow() * 10) / 10.0);
            m.put("window", 100);
            m.put("threads", 1);
            m.put("java", System.getProperty("java.version"));
            print(m, json, spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "portfolio", mixinStandardHelpOptions = true,
            description = "Four symbols (EURUSD, GBPUSD, USDJPY, EURGBP) x a year of synthetic M5 on one account with "
                    + "forecasts already made, and a paper session replaying stored M5 bars on SQLite (bars/s).",
            footer = {"%nExamples:", "  fxd bench portfolio --json"})
    public static final class PortfolioBench implements Callable<Integer> {
        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Option(names = "--days", defaultValue = "365", description = "Days of bars per symbol (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--paper-days", defaultValue = "30", description = "Days of M5 the paper session replays "
                + "(default: ${DEFAULT-VALUE}).")
        int paperDays;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path work = Files.createTempDirectory("fxd-bench-portfolio");
            com.forexdiffusion.trading.benchmark.PortfolioBenchmark.Result r;
            try (ConsoleProgress p = new ConsoleProgress("bench portfolio", "steps")) {
                r = com.forexdiffusion.trading.benchmark.PortfolioBenchmark.run(work, days, paperDays, p);
            } finally {
                DataBenchmark.clean(work);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("portfolio_symbols", 4);
            m.put("portfolio_bars", r.portfolioBars());
            m.put("portfolio_trades", r.portfolioTrades());
            m.put("four_symbols_m5_cached_s", Math.round(r.portfolioS() * 100) / 100.0);
            m.put("days", days);
            m.put("paper_bars", r.paperBars());
            m.put("paper_replay_bars_per_s", Math.round(r.paperBarsPerS()));
            m.put("java", System.getProperty("java.version"));
            print(m, json, spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "backtest", mixinStandardHelpOptions = true,
            description = "Engine bars/s with a trivial forecaster (no decisions) and with cached random-walk "
                    + "forecasts through the whole strategy (one year of M5), and the wall time of the whole one-year M5 "
                    + "backtest.",
        footer = {"%nExamples:",
                "  fxd bench backtest --json",
                "  fxd bench backtest --model models/latest --days 30 --samples 20 --json"})
    public static final class BacktestBench implements Callable<Integer> {
        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Option(names = "--model", paramLabel = "DIR", description = "Instead: the wall time of a backtest with this "
                + "LDM4TS checkpoint from an empty forecast cache, on seeded synthetic M5 bars (one_year_m5_ldm4ts_s).")
        Path model;

        @Option(names = "--days", defaultValue = "365", description = "Trading days of bars for --model; below 365 the "
                + "one-year figure is scaled from the bars measured (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--samples", defaultValue = "50", converter = com.forexdiffusion.app.SamplesConverter.class,
                description = "Monte Carlo samples per forecast with --model "
                + "(default: ${DEFAULT-VALUE}).")
        int samples;

        @Mixin
        SamplerOptions sampler;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (model != null) {
                return modelBacktest();
            }
            Path work = Files.createTempDirectory("fxd-bench-backtest");
            BacktestBenchmark.Result r;
            try {
                r = BacktestBenchmark.run(work);
            } finally {
                DataBenchmark.clean(work);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bars", r.bars());
            m.put("bars_per_s", Math.round(r.barsPerS()));
            m.put("strategy_bars_per_s", Math.round(r.strategyBarsPerS()));
            m.put("one_year_m5_cached_s", Math.round(r.oneYearM5CachedS() * 100) / 100.0);
            m.put("one_year_m5_store_first_s", Math.round(r.storeFirstS() * 100) / 100.0);
            m.put("one_year_m5_store_rerun_s", Math.round(r.storeRerunS() * 100) / 100.0);
            m.put("java", System.getProperty("java.version"));
            print(m, json, spec.commandLine().getOut());
            return 0;
        }

        private int modelBacktest() throws IOException {
            if (days < 2) {
                throw BadInputException.ofField("days", "must be at least 2, got " + days);
            }
            Path work = Files.createTempDirectory("fxd-bench-backtest-model");
            BacktestBenchmark.ModelRun r;
            try (ModelRegistry registry = new ModelRegistry(Ldm4tsModel.defaultDevice());
                 ConsoleProgress p = new ConsoleProgress("backtest", "steps")) {
                Ldm4tsForecaster f = registry.load(model, sampler.override());
                r = BacktestBenchmark.forecasterBacktest(work, f, f.horizons(), samples, days, p);
            } finally {
                DataBenchmark.clean(work);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model.toString());
            m.put("samples", samples);
            m.put("days", days);
            m.put("bars", r.bars());
            m.put("forecasts", r.forecasts());
            m.put("backtest_s", Math.round(r.seconds() * 10) / 10.0);
            m.put("forecasts_per_s", Math.round(r.forecastsPerS() * 10) / 10.0);
            // The forecasts dominate and there is one per bar, so a shorter run scales by its share of a year.
            m.put("one_year_m5_ldm4ts_s", Math.round(r.seconds() * Math.max(1.0, 365.0 / days)));
            m.put("one_year_scaled", days < 365);
            m.put("cores", Runtime.getRuntime().availableProcessors());
            print(m, json, spec.commandLine().getOut());
            return 0;
        }
    }

    static void print(Map<String, Object> m, boolean json, PrintWriter out) {
        if (json) {
            out.println(Json.write(m));
        } else {
            m.forEach((k, v) -> out.printf("%-20s %s%n", k, v));
        }
        out.flush();
    }
}
