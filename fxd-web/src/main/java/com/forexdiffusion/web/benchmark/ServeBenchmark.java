package com.forexdiffusion.web.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.resample.Resampler;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.paper.PaperSessions;
import com.forexdiffusion.web.DashboardServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's figures (docs/benchmarks.md): the chart's candle request for a year of M5 from SQLite, timed at
 * the client over loopback (server, JSON and transfer), and the delay from a paper session's write to its live
 * message on an open WebSocket.
 */
public final class ServeBenchmark {
    public static final String SYMBOL = "EURUSD";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServeBenchmark() {
    }

    /**
     * One way of serving the chart's candles, timed at the client: {@code bytes} is the size of one response.
     *
     * @param name {@code rows-uncached} (every response written afresh: the server before the cache),
     *             {@code rows} and {@code columns} (kept responses, checked against the stored bars each time)
     */
    public record Api(String name, long bytes, int requests, double p50Ms, double p95Ms, double maxMs,
                      double serverP50Ms, double serverP95Ms) {
    }

    /** Latencies in milliseconds. */
    public record Result(int candles, java.util.List<Api> api, int pushes, double pushP50Ms, double pushP95Ms,
                         double pushMaxMs, long watchPeriodMs) {
    }

    /** Stores a year of seeded synthetic M5 bars (from M1, as fxd data synth and resample make them). */
    public static BarSeries fillYearOfM5(Database db, long seed) {
        long start = Instant.parse("2023-01-02T00:00:00Z").toEpochMilli();
        BarSeries m1 = new SyntheticGenerator(SyntheticConfig.defaults(seed)).generate(SYMBOL, start, 365);
        BarSeries m5 = Resampler.resample(m1, Timeframe.M5, Resampler.Alignment.UTC);
        try (CandleWriter w = db.candles().writer()) {
            w.addAll(m5, SyntheticGenerator.SOURCE);
            w.commit();
        }
        return m5;
    }

    public static Result run(Database db, int requests, int pushes) throws Exception {
        BarSeries m5 = db.candles().readAll(SYMBOL, Timeframe.M5);
        if (m5.size() < pushes + 10) {
            m5 = fillYearOfM5(db, 42);
        }
        long watch = 100;
        HttpClient http = HttpClient.newHttpClient();
        String query = "/api/candles?symbol=" + SYMBOL + "&timeframe=M5";
        java.util.List<Api> api = new java.util.ArrayList<>();
        try (DashboardServer before = DashboardServer.builder(db).port(0).candleCache(false).watchPeriodMs(watch)
                .build().start()) {
            api.add(time("rows-uncached", http, "http://127.0.0.1:" + before.port() + query, requests));
        }
        try (DashboardServer server = DashboardServer.builder(db).port(0).watchPeriodMs(watch).build().start()) {
            String base = "http://127.0.0.1:" + server.port();
            api.add(time("rows", http, base + query, requests));
            api.add(time("columns", http, base + query + "&format=columns", requests));
            double[] push = pushes(db, http, base, m5, pushes);
            Arrays.sort(push);
            return new Result(m5.size(), java.util.List.copyOf(api), pushes, pct(push, 0.5), pct(push, 0.95),
                    push[push.length - 1], watch);
        }
    }

    /** Warm-up (a fifth of the requests, at least 5), then {@code requests} timed ones, one at a time. */
    private static Api time(String name, HttpClient http, String url, int requests) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).build();
        long bytes = 0;
        for (int i = 0; i < Math.max(5, requests / 5); i++) {
            bytes = http.send(req, HttpResponse.BodyHandlers.ofByteArray()).body().length;
        }
        double[] client = new double[requests];
        double[] handling = new double[requests];
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            client[i] = (System.nanoTime() - t) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("candles answered " + r.statusCode());
            }
            handling[i] = serverMillis(r.headers().firstValue("Server-Timing").orElse(""));
        }
        Arrays.sort(client);
        Arrays.sort(handling);
        return new Api(name, bytes, requests, pct(client, 0.5), pct(client, 0.95), client[requests - 1],
                pct(handling, 0.5), pct(handling, 0.95));
    }

    /** Each push: a paper session records its next bar; timed until the page's socket has the bar message. */
    private static double[] pushes(Database db, HttpClient http, String base, BarSeries m5, int n) throws Exception {
        String account = "bench-" + Long.toString(System.nanoTime(), 36);
        int first = m5.size() - n - 1;
        PaperBroker.open(db, account, BrokerConfig.defaults(), 100_000, m5.ts(first));
        PaperSessions sessions = new PaperSessions(db);
        sessions.create(new PaperSessions.Session(account, SYMBOL, Timeframe.M5, "bench", "{}", m5.ts(first), null, null),
                System.currentTimeMillis());
        LinkedBlockingQueue<JsonNode> bars = new LinkedBlockingQueue<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(base.replace("http", "ws") + "/ws"),
                new WebSocket.Listener() {
                    final StringBuilder part = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        part.append(data);
                        if (last) {
                            try {
                                JsonNode m = JSON.readTree(part.toString());
                                if (m.path("type").asText().equals("bar") && m.path("account").asText().equals(account)) {
                                    bars.add(m);
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            part.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        double[] out = new double[n];
        try {
            Thread.sleep(300);
            for (int i = 0; i < n; i++) {
                long ts = m5.ts(first + 1 + i);
                long t = System.nanoTime();
                sessions.advance(account, ts, null, System.currentTimeMillis());
                JsonNode m = bars.poll(5, TimeUnit.SECONDS);
                if (m == null || m.get("bar").get("ts").asLong() != ts) {
                    throw new IllegalStateException("no live bar message for push " + i);
                }
                out[i] = (System.nanoTime() - t) / 1e6;
                // Pushes at random phases of the watcher's period, as bars arrive in practice.
                Thread.sleep(37 + (i * 53) % 90);
            }
        } finally {
            ws.abort();
        }
        return out;
    }

    /** The sum of the durations in a Server-Timing header (read from the store and JSON writing). */
    static double serverMillis(String header) {
        double sum = 0;
        for (String part : header.split(",")) {
            int i = part.indexOf("dur=");
            if (i >= 0) {
                String v = part.substring(i + 4);
                int end = v.indexOf(';');
                sum += Double.parseDouble((end < 0 ? v : v.substring(0, end)).trim());
            }
        }
        return sum;
    }

    static double pct(double[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
