package com.forexdiffusion.web.market;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;
import com.forexdiffusion.data.store.SeriesInfo;
import com.forexdiffusion.web.http.ApiException;
import com.forexdiffusion.web.http.Params;
import com.forexdiffusion.web.http.Routes;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stored series and their candles: GET /api/series, GET /api/candles. */
public final class CandleRoutes implements Routes {
    static final int MAX_BARS = 500_000;
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
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
            out.add(Map.of("symbol", i.symbol(), "timeframe", i.timeframe().name(), "rows", i.rows(),
                    "first", Instant.ofEpochMilli(i.firstTs()).toString(), "last",
                    Instant.ofEpochMilli(i.lastTs()).toString(), "synthetic", i.synthetic()));
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
        BarSeries bars = candles.read(symbol, tf, from, to);
        if (bars.isEmpty() && candles.count(symbol, tf) == 0) {
            throw ApiException.notFound("no " + symbol + " " + tf + " bars stored (GET /api/series lists them)");
        }
        if (bars.size() > MAX_BARS) {
            throw ApiException.badField("from", bars.size() + " bars in the range, at most " + MAX_BARS
                    + " per request: narrow from/to");
        }
        ctx.contentType("application/json").result(write(bars));
    }

    /**
     * Streams the bars straight to JSON: a year of M5 is 75 000 objects, which a tree of nodes would make several
     * times slower. ts is epoch ms UTC (the schema's convention), time the same in seconds (the chart's unit).
     */
    static byte[] write(BarSeries bars) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64 + bars.size() * 96);
        try (JsonGenerator g = JSON.createGenerator(buf)) {
            g.writeStartObject();
            g.writeStringField("symbol", bars.symbol());
            g.writeStringField("timeframe", bars.timeframe().name());
            g.writeArrayFieldStart("candles");
            for (int i = 0; i < bars.size(); i++) {
                g.writeStartObject();
                g.writeNumberField("ts", bars.ts(i));
                g.writeNumberField("time", bars.ts(i) / 1000);
                g.writeNumberField("open", bars.open(i));
                g.writeNumberField("high", bars.high(i));
                g.writeNumberField("low", bars.low(i));
                g.writeNumberField("close", bars.close(i));
                g.writeNumberField("volume", bars.volume(i));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }
}
