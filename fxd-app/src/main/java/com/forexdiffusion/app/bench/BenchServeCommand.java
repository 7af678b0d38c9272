package com.forexdiffusion.app.bench;

import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.web.benchmark.ServeBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "The dashboard on a fresh SQLite file holding a year of synthetic M5: the chart's candle request "
                + "(client-side, over loopback) and the delay from a paper session's write to its WebSocket message.",
        footer = {"%nExamples:",
                "  fxd bench serve --requests 50 --pushes 50 --json"})
public final class BenchServeCommand implements Callable<Integer> {
    @Option(names = "--requests", defaultValue = "100",
            description = "Timed candle requests (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--pushes", defaultValue = "100", description = "Timed live pushes (default: ${DEFAULT-VALUE}).")
    int pushes;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("fxd-bench-serve");
        ServeBenchmark.Result r;
        try (Database db = Database.open("sqlite:" + dir.resolve("fxd.db"))) {
            ServeBenchmark.fillYearOfM5(db, 42);
            r = ServeBenchmark.run(db, requests, pushes);
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("candles", r.candles());
        for (ServeBenchmark.Api a : r.api()) {
            // rows-uncached is the server before the response cache, measured in the same run as the others.
            String k = a.name().replace('-', '_') + "_";
            m.put(k + "response_bytes", a.bytes());
            m.put(k + "requests", a.requests());
            m.put(k + "api_p50_ms", round(a.p50Ms()));
            m.put(k + "api_p95_ms", round(a.p95Ms()));
            m.put(k + "api_max_ms", round(a.maxMs()));
            m.put(k + "server_p50_ms", round(a.serverP50Ms()));
            m.put(k + "server_p95_ms", round(a.serverP95Ms()));
        }
        m.put("pushes", r.pushes());
        m.put("push_p50_ms", round(r.pushP50Ms()));
        m.put("push_p95_ms", round(r.pushP95Ms()));
        m.put("push_max_ms", round(r.pushMaxMs()));
        m.put("watch_period_ms", r.watchPeriodMs());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        BenchCommand.print(m, json, spec.commandLine().getOut());
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
