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
import java.util.List;
import java.util.Map;

/** Stored series and their candles: GET /api/series, GET /api/candles. */
public final class CandleRoutes implements Routes {
    static final int MAX_BARS = 500_000;
    private final CandleStore candles;

    public CandleRoutes(CandleStore candles) {
        this.candles = candles;
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
        JsonBytes json = write(bars);
        // Server-Timing (W3C): where the time went, for the browser's devtools and fxd bench serve.
        ctx.header("Server-Timing", String.format(java.util.Locale.ROOT, "db;dur=%.2f, json;dur=%.2f", (t1 - t0) / 1e6,
                (System.nanoTime() - t1) / 1e6));
        ctx.contentType("application/json").header("Content-Length", Integer.toString(json.size())).result(json.stream());
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
