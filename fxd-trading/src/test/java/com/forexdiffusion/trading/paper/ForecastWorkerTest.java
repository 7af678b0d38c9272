package com.forexdiffusion.trading.paper;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Clock;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.conformal.CalibrationMode;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.trading.engine.EngineTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live mode's split: forecasts on the session's worker thread, decisions on its loop. Two symbols on one account, so
 * a time step's two forecasts are asked for before the loop decides either; the session must end in exactly the
 * state of one that forecast on its own thread.
 */
class ForecastWorkerTest {
    private static final long START = Instant.parse("2023-01-02T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    /** Momentum forecasts, counting the threads they were computed on. */
    private static final class Counted implements ForecasterFactory {
        final Map<String, AtomicInteger> threads = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> symbols = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "momentum";
        }

        @Override
        public Forecaster fit(BarSeries train) {
            Forecaster m = new EngineTest.Momentum();
            return new Forecaster() {
                public String name() {
                    return m.name();
                }

                public String version() {
                    return m.version();
                }

                public int lookback() {
                    return m.lookback();
                }

                public Forecast forecast(ForecastRequest r) {
                    threads.computeIfAbsent(Thread.currentThread().getName(), k -> new AtomicInteger()).incrementAndGet();
                    symbols.computeIfAbsent(r.window().symbol(), k -> new AtomicInteger()).incrementAndGet();
                    return m.forecast(r);
                }
            };
        }
    }

    private long template(Path file) {
        try (Database d = Database.open("sqlite:" + file); CandleWriter w = d.candles().writer()) {
            long from = 0;
            for (String s : List.of("EURUSD", "GBPUSD")) {
                BarSeries m1 = new SyntheticGenerator(SyntheticConfig.defaults(s.hashCode()).withRegimes(true))
                        .generate(s, START, 5);
                BarSeries m5 = Resampler.resample(m1, Timeframe.M5);
                w.addAll(m1, SyntheticGenerator.SOURCE);
                w.addAll(m5, SyntheticGenerator.SOURCE);
                from = m5.ts(600);
            }
            w.commit();
            return from;
        }
    }

    private static PaperTrader.Settings settings(long from) {
        return new PaperTrader.Settings("worker", "EURUSD,GBPUSD", Timeframe.M5, "momentum", from, Long.MAX_VALUE, 600,
                "15,60", 9, 100_000, 7, CalibrationMode.ACI, noGate());
    }

    /** The gate would keep this forecaster from trading; the test needs orders to compare. */
    private static com.fasterxml.jackson.databind.JsonNode noGate() {
        com.fasterxml.jackson.databind.node.ObjectNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode();
        n.putObject("skill_gate").put("enabled", false);
        return n;
    }

    private Counted run(Path file, long from, boolean worker) {
        Counted f = new Counted();
        try (Database d = Database.open("sqlite:" + file);
             PaperTrader t = PaperTrader.open(d, settings(from), (name, hs) -> f, Clock.system())) {
            if (worker) {
                t.forecastOnWorker();
            }
            assertThat(t.catchUp(s -> s, ProgressListener.NONE)).isGreaterThan(1000);
        }
        return f;
    }

    @Test
    void forecastsOnTheWorkerDecideExactlyAsOnTheLoop() throws Exception {
        Path template = dir.resolve("template.db");
        long from = template(template);
        Path inline = dir.resolve("inline.db");
        Path worker = dir.resolve("worker.db");
        Files.copy(template, inline);
        Files.copy(template, worker);

        Counted onLoop = run(inline, from, false);
        Counted onWorker = run(worker, from, true);

        String loop = Thread.currentThread().getName();
        assertThat(onLoop.threads).containsOnlyKeys(loop);
        assertThat(onWorker.threads).containsOnlyKeys("forecast-worker worker");
        // Every forecast the loop used was one the worker made; the worker may have made more (bars where the
        // risk manager then let the engine open nothing), never fewer.
        assertThat(onWorker.threads.get("forecast-worker worker").get())
                .isGreaterThanOrEqualTo(onLoop.threads.get(loop).get());
        assertThat(onWorker.symbols).containsOnlyKeys("EURUSD", "GBPUSD");
        List<String> expected = PaperKillTest.endState(inline);
        assertThat(expected).anyMatch(r -> r.startsWith("trading_orders:") && r.contains(" filled "));
        assertThat(PaperKillTest.endState(worker)).isEqualTo(expected);
    }
}
