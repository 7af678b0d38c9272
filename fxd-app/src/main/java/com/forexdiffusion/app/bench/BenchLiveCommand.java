package com.forexdiffusion.app.bench;

import com.forexdiffusion.app.CalibrationOption;
import com.forexdiffusion.app.console.ConsoleProgress;
import com.forexdiffusion.app.ctrader.FakeServerClient;
import com.forexdiffusion.app.data.TimeframeConverter;
import com.forexdiffusion.app.forecast.ForecasterSpecs;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Clock;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.benchmark.FetchBenchmark;
import com.forexdiffusion.ctrader.fake.FakeServer;
import com.forexdiffusion.ctrader.live.LiveFeed;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.ldm4ts.compute.ComputeSettings;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import com.forexdiffusion.trading.paper.LiveLoop;
import com.forexdiffusion.trading.paper.PaperTrader;
import org.hipparchus.stat.descriptive.rank.Percentile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

@Command(name = "live", mixinStandardHelpOptions = true,
        description = {"Live latency: a paper session on the local fake cTrader server (TLS), spots replayed from seeded "
                + "synthetic bars. For every live bar, the time from the server's tick that closes it to the commit of "
                + "its logged forecast and decision (the history fetch of the closed bar, its store, the forecast on "
                + "the session's worker and the decision on its loop, all included); p50/p95/max after the first bar."},
        footer = {"%nExamples:",
                "  fxd bench live --json",
                "  fxd bench live --forecaster ldm4ts:models/latest --bars 60 --json"})
public final class BenchLiveCommand implements Callable<Integer> {
    private static final long MONDAY = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    /** Monday 1 to Friday 19 January: the live bars are the Friday's, from 08:00 UTC. */
    private static final int DAYS = 19;

    @Option(names = "--forecaster", defaultValue = "dlinear", description = "rw-ewma, rw-garch, dlinear or ldm4ts:DIR "
            + "(its timeframe must be --timeframe; default: ${DEFAULT-VALUE}).")
    String forecaster;

    @Option(names = "--symbols", split = ",", defaultValue = "EURUSD",
            description = "Symbols on the one account (default: ${DEFAULT-VALUE}).")
    List<String> symbols;

    @Option(names = "--timeframe", defaultValue = "M5", converter = TimeframeConverter.class,
            description = "Bar timeframe of the session (default: ${DEFAULT-VALUE}).")
    Timeframe timeframe;

    @Option(names = "--bars", defaultValue = "30", description = "Live bars per symbol (default: ${DEFAULT-VALUE}).")
    int bars;

    @Option(names = "--speed", defaultValue = "300", description = "Simulated seconds per real second of the spot "
            + "replay (default: ${DEFAULT-VALUE}: an M5 bar a second).")
    double speed;

    @Option(names = "--train-bars", defaultValue = "2000",
            description = "Bars before the session used to fit (default: ${DEFAULT-VALUE}).")
    int trainBars;

    @Option(names = "--samples", defaultValue = "50", converter = com.forexdiffusion.app.SamplesConverter.class,
            description = "Monte Carlo samples per forecast (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic bars and of every draw "
            + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    CalibrationOption calibration;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long from = MONDAY + (DAYS - 1) * 86_400_000L + 8 * 3_600_000L;
        long to = from + bars * timeframe.millis();
        if (bars < 2 || to > from + 12 * 3_600_000L) {
            throw new ParameterException(spec.commandLine(), "--bars: between 2 and 12 hours of " + timeframe
                    + " bars, got " + bars);
        }
        List<String> list = symbols.stream().map(Instrument::normalise).distinct().toList();
        Path work = Files.createTempDirectory("fxd-bench-live");
        Map<Long, Long> tickNanos = new ConcurrentHashMap<>();
        Map<Long, Long> commitNanos = new ConcurrentHashMap<>();
        String thread;
        try (Database source = Database.open("sqlite:" + work.resolve("server.db"));
             Database target = Database.open("sqlite:" + work.resolve("session.db"));
             ModelRegistry registry = new ModelRegistry(Ldm4tsModel.defaultDevice())) {
            store(source, target, list, from);
            // The replay runs a bar past the session's end: the tick that closes its last bar is that bar's open.
            try (FakeServer server = FakeServer.builder().candles(source.candles()).spots(speed, from, to + timeframe.millis())
                    .onTick(t -> tickNanos.put(t, System.nanoTime())).build().start();
                 LiveFeed feed = LiveFeed.start(target, FakeServerClient.of(server, "bench"), list, timeframe)) {
                LiveLoop.awaitBarsFrom(target.candles(), feed, list, timeframe, from, 600_000);
                PaperTrader.Settings s = new PaperTrader.Settings("bench-live", String.join(",", list), timeframe,
                        forecaster, from, to, trainBars, Horizon.DEFAULT_LIST, samples, 100_000, seed,
                        calibration.mode, null);
                try (PaperTrader trader = PaperTrader.open(target, s,
                        (name, hs) -> ForecasterSpecs.factory(name, hs, registry), Clock.system());
                     ConsoleProgress p = new ConsoleProgress("bench live", "bars")) {
                    trader.onStepCommitted(ts -> commitNanos.put(ts, System.nanoTime()));
                    LiveLoop.run(trader, feed, to, 1000, LiveLoop.Tuning::unchanged, p);
                    thread = trader.workerThread();
                }
            }
        } finally {
            FetchBenchmark.clean(work);
        }
        BenchCommand.print(figures(tickNanos, commitNanos, from, thread), json, spec.commandLine().getOut());
        return 0;
    }

    /** The server's M1 bars and the session's bars of the timeframe; the session's store ends where spots begin. */
    private void store(Database source, Database target, List<String> list, long from) {
        for (int k = 0; k < list.size(); k++) {
            Instrument inst = InstrumentCatalog.builtIn().resolve(list.get(k));
            BarSeries m1 = new SyntheticGenerator(SyntheticConfig.forInstrument(inst, seed + k))
                    .generate(list.get(k), MONDAY, DAYS);
            BarSeries tf = timeframe == Timeframe.M1 ? m1 : Resampler.resample(m1, timeframe);
            try (CandleWriter w = source.candles().writer()) {
                w.addAll(m1, "synthetic");
                if (timeframe != Timeframe.M1) {
                    w.addAll(tf, "synthetic");
                }
                w.commit();
            }
            try (CandleWriter w = target.candles().writer()) {
                w.addAll(m1.slice(0, m1.lowerBound(from)), "synthetic");
                if (timeframe != Timeframe.M1) {
                    w.addAll(tf.slice(0, tf.lowerBound(from)), "synthetic");
                }
                w.commit();
            }
        }
    }

    private Map<String, Object> figures(Map<Long, Long> ticks, Map<Long, Long> commits, long from, String thread) {
        List<Double> ms = new ArrayList<>();
        commits.keySet().stream().sorted().skip(1).forEach(bar -> {
            Long closed = ticks.get(timeframe.next(bar));
            if (bar >= from && closed != null) {
                ms.add((commits.get(bar) - closed) / 1e6);
            }
        });
        if (ms.isEmpty()) {
            throw new FxdException("bench live: no live bar was traded (" + commits.size() + " steps committed)");
        }
        double[] v = ms.stream().mapToDouble(Double::doubleValue).toArray();
        Percentile pct = new Percentile();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("forecaster", forecaster);
        m.put("symbols", symbols);
        m.put("timeframe", timeframe.name());
        m.put("samples", samples);
        m.put("speed", speed);
        m.put("bars_timed", v.length);
        m.put("p50_ms", round(pct.evaluate(v, 50)));
        m.put("p95_ms", round(pct.evaluate(v, 95)));
        m.put("max_ms", round(java.util.Arrays.stream(v).max().orElseThrow()));
        m.put("forecast_thread", thread);
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("threads", ComputeSettings.engineThreads());
        return m;
    }

    private static double round(double x) {
        return Math.round(x * 10) / 10.0;
    }
}
