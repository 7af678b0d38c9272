package com.forexdiffusion.app.bench;

import com.forexdiffusion.app.Json;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.data.benchmark.DataBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks with machine-readable output.",
        subcommands = {BenchCommand.Data.class})
public final class BenchCommand {

    @Command(name = "data", mixinStandardHelpOptions = true,
            description = "Import (parse + validate + SQLite), parse-only and range-read throughput.")
    public static final class Data implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "1000000", description = "HistData M1 rows (default: ${DEFAULT-VALUE}).")
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
            m.put("cores", Runtime.getRuntime().availableProcessors());
            m.put("java", System.getProperty("java.version"));
            if (json) {
                out.println(Json.write(m));
            } else {
                m.forEach((k, v) -> out.printf("%-20s %s%n", k, v));
            }
            out.flush();
            return 0;
        }
    }
}
