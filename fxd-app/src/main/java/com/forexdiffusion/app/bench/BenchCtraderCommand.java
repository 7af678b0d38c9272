package com.forexdiffusion.app.bench;

import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.ctrader.benchmark.FetchBenchmark;
import com.forexdiffusion.ctrader.client.CTraderHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "ctrader", mixinStandardHelpOptions = true,
        description = "Fetch throughput from the local fake cTrader server (TLS, rate limit 5 requests/s, SQLite store).",
        footer = {"%nExamples:",
                "  fxd bench ctrader --json",
                "  fxd bench ctrader --max-bars 20000 --json"})
public final class BenchCtraderCommand implements Callable<Integer> {
    @Option(names = "--days", defaultValue = "365", description = "Days of synthetic M1 (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--max-bars", defaultValue = "5000",
            description = "Most bars the server returns in one reply (default: ${DEFAULT-VALUE}).")
    int maxBars;

    @Option(names = "--bars-per-request", defaultValue = "" + CTraderHistory.DEFAULT_BARS_PER_REQUEST,
            description = "Bar slots the client asks for in one request (default: ${DEFAULT-VALUE}).")
    int barsPerRequest;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("fxd-bench-ctrader");
        FetchBenchmark.Result r;
        try (ConsoleProgress p = new ConsoleProgress("bench ctrader", "bars")) {
            r = FetchBenchmark.run(days, maxBars, barsPerRequest, work, p);
        } finally {
            FetchBenchmark.clean(work);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("days", r.days());
        m.put("bars", r.bars());
        m.put("requests", r.requests());
        m.put("max_bars_per_reply", r.maxBarsPerReply());
        m.put("bars_per_request", r.barsPerRequest());
        m.put("fetch_s", Math.round(r.seconds() * 100) / 100.0);
        m.put("bars_per_s", Math.round(r.barsPerSecond()));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        BenchCommand.print(m, json, spec.commandLine().getOut());
        return 0;
    }
}
