package com.forexdiffusion.web.forecast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;
import com.forexdiffusion.forecast.ForecastJson;
import com.forexdiffusion.vision.SourceSeries;
import com.forexdiffusion.vision.VisionConfig;
import com.forexdiffusion.vision.VisionEncoder;
import com.forexdiffusion.vision.VisionPng;
import com.forexdiffusion.web.http.ApiException;
import com.forexdiffusion.web.http.Params;
import com.forexdiffusion.web.http.Routes;
import com.forexdiffusion.web.http.Sql;
import com.forexdiffusion.web.settings.Ldm4tsSettings;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GET /api/forecast (the predictions form of SPEC §5), GET /api/forecasters, GET /api/vision/{view} (the window's
 * SEG, GAF, RP or RGB image as PNG) and GET /api/predictions (logged forecasts with their outcomes).
 */
public final class ForecastRoutes implements Routes {
    private static final List<String> VIEWS = List.of("seg", "gaf", "rp", "rgb");
    private final ForecastService forecasts;
    private final ForecasterCatalog catalog;
    private final CandleStore candles;
    private final Sql sql;
    private final Supplier<Ldm4tsSettings> settings;

    public ForecastRoutes(ForecastService forecasts, ForecasterCatalog catalog, CandleStore candles, Sql sql,
                          Supplier<Ldm4tsSettings> settings) {
        this.forecasts = forecasts;
        this.catalog = catalog;
        this.candles = candles;
        this.sql = sql;
        this.settings = settings;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/forecasters", ctx -> ctx.json(Map.of("forecasters", catalog.names())));
        app.get("/api/forecast", this::forecast);
        app.get("/api/vision/{view}", this::vision);
        app.get("/api/predictions", this::predictions);
    }

    private void forecast(Context ctx) {
        Params p = new Params(ctx);
        String symbol = p.symbol();
        Timeframe tf = p.timeframe();
        String name = p.optional("forecaster", ForecasterCatalog.defaultName(settings.get().enabled()));
        long at = p.time("at", Long.MAX_VALUE);
        ForecastService.Result r = forecasts.forecast(symbol, tf, name, at, settings.get());
        ObjectNode json = ForecastJson.predictions(r.forecast());
        json.put("forecaster", name);
        json.put("samples", settings.get().mcSamples());
        ctx.json(json);
    }

    private void vision(Context ctx) {
        String view = ctx.pathParam("view").replaceFirst("\\.png$", "");
        int index = VIEWS.indexOf(view);
        if (index < 0) {
            throw ApiException.badField("view", "expected seg, gaf, rp or rgb, got '" + Params.abbreviate(view) + "'");
        }
        Params p = new Params(ctx);
        String symbol = p.symbol();
        Timeframe tf = p.timeframe();
        long at = p.time("at", Long.MAX_VALUE);
        int window = p.integer("window", settings.get().window(), 16, 512);
        int size = p.integer("size", 64, VisionConfig.MIN_SIZE, 512);
        BarSeries bars = candles.read(symbol, tf, Long.MIN_VALUE, at == Long.MAX_VALUE ? at : at + 1);
        if (bars.size() < window) {
            throw ApiException.notFound("the window needs " + window + " " + symbol + " " + tf + " bars, "
                    + bars.size() + " are stored up to then");
        }
        VisionConfig cfg = new VisionConfig(window, size, size, SourceSeries.CLOSE, 0, 1.0);
        float[] img = new float[cfg.imageFloats()];
        new VisionEncoder(cfg).encode(bars, bars.size() - 1, img, 0);
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Window-End", Instant.ofEpochMilli(bars.lastTs()).toString());
        ctx.contentType("image/png").result(VisionPng.png(img, 0, size, size, index));
    }

    private void predictions(Context ctx) {
        Params p = new Params(ctx);
        String symbol = p.symbol();
        Timeframe tf = p.timeframe();
        int limit = p.integer("limit", 200, 1, 5000);
        String model = p.optional("model", null);
        String where = "symbol = ? AND timeframe = ?" + (model == null ? "" : " AND model_version = ?");
        Object[] args = model == null ? new Object[]{symbol, tf.name(), limit}
                : new Object[]{symbol, tf.name(), model, limit};
        ctx.json(Map.of("predictions", sql.rows("SELECT prediction_id, forecast_time, horizon_minutes, target_time, "
                + "current_price, mean_pred, median_pred, std_pred, q05_pred, q95_pred, direction, uncertainty_pct, "
                + "actual_price, mae, interval_hit, direction_correct, model_version, inference_time_ms "
                + "FROM ldm4ts_predictions WHERE " + where + " ORDER BY forecast_time DESC, horizon_minutes LIMIT ?",
                args)));
    }
}
