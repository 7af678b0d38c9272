package com.forexdiffusion.web.market;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;
import com.forexdiffusion.data.store.SeriesInfo;
import com.forexdiffusion.web.http.ApiException;
import com.forexdiffusion.web.http.Params;
import com.forexdiffusion.web.http.Routes;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stored series and their candles: GET /api/series, GET /api/candles (rows, or {@code format=columns}: one array
 * per field, about half the bytes). A response's JSON is kept per (series, range, format) with a checksum of the
 * bars it was written from; a request reads the range from the store as before and, when the checksum matches, sends
 * the kept bytes instead of writing them again. So the cache can never serve bars that changed, whoever wrote them.
 */
public final class CandleRoutes implements Routes {
    static final int MAX_BARS = 500_000;
    /** Bytes of JSON kept at most (a year of M5 is 7 MB as rows, 4 MB as columns). */
    static final long CACHE_BYTES = 64L << 20;
    private final CandleStore candles;
    private final boolean cache;
    private final Map<String, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);
    private long keptBytes;

    private record Kept(long checksum, byte[] json) {
    }

    public CandleRoutes(CandleStore candles) {
        this(candles, true);
    }

    /** @param cache false writes every response afresh (the benchmark's "before") */
    public CandleRoutes(CandleStore candles, boolean cache) {
        this.candles = candles;
        this.cache = cache;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/series", this::series);
        app.get("/api/candles", this::candles);
    }

    private void series(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SeriesInfo i : candles.info()) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("symbol", i.symbol());
            m.put("timeframe", i.timeframe().name());
            m.put("rows", i.rows());
            m.put("first", Instant.ofEpochMilli(i.firstTs()).toString());
            m.put("last", Instant.ofEpochMilli(i.lastTs()).toString());
            m.put("synthetic", i.synthetic());
            out.add(m);
        }
        ctx.json(Map.of("series", out));
    }

    private void candles(Context ctx) {
        Params p = new Params(ctx);
        String symbol = p.symbol();
        Timeframe tf = p.timeframe();
        long from = p.time("from", Long.MIN_VALUE);
        long to = p.time("to", Long.MAX_VALUE);
        if (from >= to) {
            throw ApiException.badField("to", "must be after 'from'");
        }
        String format = p.optional("format", "rows");
        if (!format.equals("rows") && !format.equals("columns")) {
            throw ApiException.badField("format", "expected rows or columns, got '" + Params.abbreviate(format) + "'");
        }
        long t0 = System.nanoTime();
        BarSeries bars = candles.read(symbol, tf, from, to);
        long t1 = System.nanoTime();
        if (bars.isEmpty() && candles.count(symbol, tf) == 0) {
            throw ApiException.notFound("no " + symbol + " " + tf + " bars stored (GET /api/series lists them)");
        }
        if (bars.size() > MAX_BARS) {
            throw ApiException.badField("from", bars.size() + " bars in the range, at most " + MAX_BARS
                    + " per request: narrow from/to");
        }
        String key = String.join("|", symbol, tf.name(), Long.toString(from), Long.toString(to), format);
        long sum = cache ? checksum(bars) : 0;
        byte[] json = cache ? lookup(key, sum) : null;
        boolean hit = json != null;
        if (json == null) {
            json = (format.equals("rows") ? write(bars) : writeColumns(bars)).bytes();
            if (cache) {
                keep(key, new Kept(sum, json));
            }
        }
        // Server-Timing (W3C): where the time went, for the browser's devtools and fxd bench serve.
        ctx.header("Server-Timing", String.format(java.util.Locale.ROOT, "db;dur=%.2f, json;dur=%.2f;desc=%s",
                (t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6, hit ? "kept" : "written"));
        ctx.contentType("application/json").header("Content-Length", Integer.toString(json.length)).result(json);
    }

    private synchronized byte[] lookup(String key, long checksum) {
        Kept k = kept.get(key);
        return k != null && k.checksum() == checksum ? k.json() : null;
    }

    private synchronized void keep(String key, Kept k) {
        Kept old = kept.put(key, k);
        keptBytes += k.json().length - (old == null ? 0 : old.json().length);
        for (var it = kept.entrySet().iterator(); keptBytes > CACHE_BYTES && it.hasNext(); ) {
            var e = it.next();
            if (e.getValue() != k) {
                keptBytes -= e.getValue().json().length;
                it.remove();
            }
        }
    }

    /** A 64-bit FNV-1a style mix of every time and price: any stored change to the range changes it. */
    static long checksum(BarSeries bars) {
        long h = 0xcbf29ce484222325L ^ bars.size();
        for (int i = 0; i < bars.size(); i++) {
            h = (h ^ bars.ts(i)) * 0x100000001b3L;
            h = (h ^ Double.doubleToLongBits(bars.open(i))) * 0x100000001b3L;
            h = (h ^ Double.doubleToLongBits(bars.high(i))) * 0x100000001b3L;
            h = (h ^ Double.doubleToLongBits(bars.low(i))) * 0x100000001b3L;
            h = (h ^ Double.doubleToLongBits(bars.close(i))) * 0x100000001b3L;
            h = (h ^ Double.doubleToLongBits(bars.volume(i))) * 0x100000001b3L;
        }
        return h;
    }

    /** One array per field, times in epoch seconds as in the rows form. */
    static JsonBytes writeColumns(BarSeries bars) {
        JsonBytes out = new JsonBytes(160 + bars.size() * 50);
        out.raw("{\"symbol\":\"").raw(bars.symbol()).raw("\",\"timeframe\":\"").raw(bars.timeframe().name())
                .raw("\",\"format\":\"columns\",\"time\":[");
        for (int i = 0; i < bars.size(); i++) {
            (i == 0 ? out : out.raw(",")).integer(bars.ts(i) / 1000);
        }
        out.raw("]");
        column(out, "open", bars.opens());
        column(out, "high", bars.highs());
        column(out, "low", bars.lows());
        column(out, "close", bars.closes());
        column(out, "volume", bars.volumes());
        return out.raw("}");
    }

    private static void column(JsonBytes out, String name, double[] v) {
        out.raw(",\"").raw(name).raw("\":[");
        for (int i = 0; i < v.length; i++) {
            (i == 0 ? out : out.raw(",")).price(v[i]);
        }
        out.raw("]");
    }

    /**
     * Writes the bars straight to JSON bytes: a year of M5 is 75 000 objects, which a tree of nodes (or a general
     * double formatter) makes several times slower. time is the bar's open in epoch seconds UTC (the chart's unit);
     * prices keep the shortest decimal form that reads back as the same double.
     */
    private static final byte[] TIME_FIRST = JsonBytes.ascii("{\"time\":");
    private static final byte[] TIME = JsonBytes.ascii(",{\"time\":");
    private static final byte[] OPEN = JsonBytes.ascii(",\"open\":");
    private static final byte[] HIGH = JsonBytes.ascii(",\"high\":");
    private static final byte[] LOW = JsonBytes.ascii(",\"low\":");
    private static final byte[] CLOSE = JsonBytes.ascii(",\"close\":");
    private static final byte[] VOLUME = JsonBytes.ascii(",\"volume\":");
    private static final byte[] END = JsonBytes.ascii("}");

    static JsonBytes write(BarSeries bars) {
        JsonBytes out = new JsonBytes(96 + bars.size() * 100);
        out.raw("{\"symbol\":\"").raw(bars.symbol()).raw("\",\"timeframe\":\"").raw(bars.timeframe().name())
                .raw("\",\"candles\":[");
        for (int i = 0; i < bars.size(); i++) {
            out.raw(i == 0 ? TIME_FIRST : TIME).integer(bars.ts(i) / 1000)
                    .raw(OPEN).price(bars.open(i))
                    .raw(HIGH).price(bars.high(i))
                    .raw(LOW).price(bars.low(i))
                    .raw(CLOSE).price(bars.close(i))
                    .raw(VOLUME).price(bars.volume(i)).raw(END);
        }
        return out.raw("]}");
    }
}
