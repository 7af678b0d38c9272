package com.forexdiffusion.ctrader.benchmark;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.client.CTraderHistory;
import com.forexdiffusion.ctrader.client.CredentialStore;
import com.forexdiffusion.ctrader.client.Credentials;
import com.forexdiffusion.ctrader.client.Endpoint;
import com.forexdiffusion.ctrader.client.SymbolCache;
import com.forexdiffusion.ctrader.fake.FakeServer;
import com.forexdiffusion.data.history.HistoryImport;
import com.forexdiffusion.data.history.HistoryImportResult;
import com.forexdiffusion.data.history.HistoryRequest;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Fetch throughput from the fake server: {@code days} of synthetic EURUSD M1 (5 digits, labelled synthetic) stored in
 * one SQLite file are served over TLS on 127.0.0.1 and fetched into another through the rate limit (5 requests/s),
 * validation and the store; the figure is bars fetched and stored per second of the fetch.
 */
public final class FetchBenchmark {
    /** Monday 2024-01-01 00:00 UTC. */
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    /** The outcome; {@code seconds} is the fetch alone, without generating the source. */
    public record Result(int days, long bars, long requests, double seconds, int maxBarsPerReply,
                         int barsPerRequest) {
        public double barsPerSecond() {
            return bars / seconds;
        }
    }

    private FetchBenchmark() {
    }

    public static Result run(int days, int maxBarsPerReply, int barsPerRequest, Path work, ProgressListener progress) {
        try (Database source = Database.open("sqlite:" + work.resolve("source.db"));
             Database target = Database.open("sqlite:" + work.resolve("target.db"))) {
            SyntheticConfig cfg = SyntheticConfig.forInstrument(InstrumentCatalog.builtIn().resolve("EURUSD"), 1);
            BarSeries bars = new SyntheticGenerator(cfg).generate("EURUSD", START.toEpochMilli(), days);
            try (CandleWriter w = source.candles().writer()) {
                w.addAll(bars, "synthetic");
                w.commit();
            }
            try (FakeServer server = FakeServer.builder().candles(source.candles()).maxBarsPerReply(maxBarsPerReply)
                    .build().start();
                 CTraderClient client = CTraderClient.builder()
                         .endpoint(new Endpoint("127.0.0.1", server.port(), false, true))
                         .credentials(CredentialStore.inMemory(new Credentials("bench", "bench", "bench", "bench")))
                         .build()) {
                CTraderHistory history = CTraderHistory.builder().client(client).symbolCache(new SymbolCache(target))
                        .clock(InstantSource.system()).barsPerRequest(barsPerRequest).build();
                long to = START.toEpochMilli() + days * 86_400_000L - 1;
                HistoryImportResult r = new HistoryImport(target.candles()).run(history,
                        new HistoryRequest("EURUSD", Timeframe.M1, START.toEpochMilli(), to), progress);
                if (r.stored() != bars.size()) {
                    throw new IllegalStateException("fetched " + r.stored() + " bars of " + bars.size());
                }
                long requests = server.requests().stream().filter(e -> e.fromMs() != 0).count();
                return new Result(days, r.stored(), requests, r.seconds(), maxBarsPerReply, barsPerRequest);
            }
        }
    }

    public static void clean(Path work) {
        try (Stream<Path> s = Files.walk(work)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: nothing to keep
        }
    }
}
