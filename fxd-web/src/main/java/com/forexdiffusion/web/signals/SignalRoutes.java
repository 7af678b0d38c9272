package com.forexdiffusion.web.signals;

import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.trading.quality.QualityDimension;
import com.forexdiffusion.trading.ranking.SignalReview;
import com.forexdiffusion.trading.signal.Signal;
import com.forexdiffusion.web.forecast.ForecastService;
import com.forexdiffusion.web.forecast.ForecasterCatalog;
import com.forexdiffusion.web.http.Params;
import com.forexdiffusion.web.http.Routes;
import com.forexdiffusion.web.settings.Ldm4tsSettings;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GET /api/signals: the signals of the latest forecast, each with its six quality dimensions, the uncertainty
 * penalty (from the settings' uncertainty threshold) and the verdict under the settings' minimum quality and
 * strength. The forecast is the raw one (the engine
 * calibrates before it scores; the dashboard shows what the forecaster said).
 */
public final class SignalRoutes implements Routes {
    static final int VOLUME_WINDOW = 20;
    private final ForecastService forecasts;
    private final Supplier<Ldm4tsSettings> settings;

    public SignalRoutes(ForecastService forecasts, Supplier<Ldm4tsSettings> settings) {
        this.forecasts = forecasts;
        this.settings = settings;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/signals", this::signals);
    }

    private void signals(Context ctx) {
        Params p = new Params(ctx);
        String symbol = p.symbol();
        Timeframe tf = p.timeframe();
        String name = p.optional("forecaster", ForecasterCatalog.defaultName(settings.get().enabled()));
        Ldm4tsSettings s = settings.get();
        ForecastService.Result r = forecasts.forecast(symbol, tf, name, p.time("at", Long.MAX_VALUE), s);
        Forecast f = r.forecast();
        List<Map<String, Object>> out = new ArrayList<>();
        for (SignalReview.Reviewed rv : new SignalReview(s.minQuality(), s.minStrength(), s.uncertaintyThreshold(), VOLUME_WINDOW)
                .review(f, r.bars())) {
            out.add(json(rv));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", f.symbol());
        body.put("timeframe", f.timeframe().name());
        body.put("time", f.instant().toString());
        body.put("model", f.modelName());
        body.put("model_version", f.modelVersion());
        body.put("min_quality", s.minQuality());
        body.put("min_strength", s.minStrength());
        body.put("signals", out);
        ctx.json(body);
    }

    private static Map<String, Object> json(SignalReview.Reviewed rv) {
        Signal sig = rv.signal();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", sig.id());
        m.put("horizon", sig.horizon().minutes());
        m.put("direction", sig.direction().name().toLowerCase(Locale.ROOT));
        m.put("strength", sig.strength());
        m.put("entry", sig.entry());
        m.put("target", sig.target());
        m.put("stop", sig.stop());
        m.put("uncertainty_pct", sig.metadata().uncertaintyPct());
        m.put("valid_until", Instant.ofEpochMilli(sig.validUntil()).toString());
        Map<String, Double> dims = new LinkedHashMap<>();
        for (QualityDimension d : QualityDimension.values()) {
            dims.put(d.name().toLowerCase(Locale.ROOT), rv.quality().of(d));
        }
        m.put("dimensions", dims);
        m.put("composite", rv.quality().composite());
        m.put("penalty", rv.quality().penalty());
        m.put("threshold", rv.quality().threshold());
        m.put("accepted", rv.accepted());
        m.put("reasons", rv.reasons());
        return m;
    }
}
