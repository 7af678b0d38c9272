package com.forexdiffusion.web.signals;

import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.trading.engine.SignalTuning;
import com.forexdiffusion.trading.engine.StrategyConfig;
import com.forexdiffusion.trading.quality.QualityDimension;
import com.forexdiffusion.trading.ranking.SignalReview;
import com.forexdiffusion.trading.signal.Direction;
import com.forexdiffusion.trading.signal.Signal;
import com.forexdiffusion.trading.sizing.PositionSizer;
import com.forexdiffusion.trading.sizing.SizingDecision;
import com.forexdiffusion.trading.sizing.SizingRequest;
import com.forexdiffusion.web.forecast.ForecastService;
import com.forexdiffusion.web.forecast.ForecasterCatalog;
import com.forexdiffusion.web.http.Params;
import com.forexdiffusion.web.http.Routes;
import com.forexdiffusion.web.settings.Ldm4tsSettings;
import com.forexdiffusion.web.settings.TradingSettings;
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
 * GET /api/signals: the signals of the latest forecast as a paper session would trade them: the forecast calibrated
 * the way the engine calibrates it (the server's calibration mode, ACI by default), each signal tuned by the
 * settings (directional confidence, horizon weights), scored on its six quality dimensions with the uncertainty
 * penalty, the verdict under the minimum quality and strength, and the size the sizer would give it on a reference
 * account (position scaling and the uncertainty threshold apply there).
 */
public final class SignalRoutes implements Routes {
    static final int VOLUME_WINDOW = 20;
    /** The account a signal's size is shown for: the default paper deposit, in USD. */
    static final double REFERENCE_EQUITY = 100_000;
    private final ForecastService forecasts;
    private final Supplier<Ldm4tsSettings> settings;
    private final CalibrationConfig calibration;
    private final InstrumentCatalog instruments = InstrumentCatalog.builtIn();

    public SignalRoutes(ForecastService forecasts, Supplier<Ldm4tsSettings> settings, CalibrationConfig calibration) {
        this.forecasts = forecasts;
        this.settings = settings;
        this.calibration = calibration;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/signals", this::signals);
    }

    private void signals(Context ctx) {
        Params p = new Params(ctx);
        String symbol = p.symbol();
        Timeframe tf = p.timeframe();
        Ldm4tsSettings s = settings.get();
        String name = p.optional("forecaster", ForecasterCatalog.defaultName(s.enabled()));
        ForecastService.Calibrated c = forecasts.calibrated(symbol, tf, name, p.time("at", Long.MAX_VALUE), s,
                calibration);
        Forecast f = c.calibrated() != null ? c.calibrated() : c.raw();
        SignalTuning tuning = TradingSettings.tuning(s);
        PositionSizer sizer = new PositionSizer(TradingSettings.strategy(StrategyConfig.defaults(), s).sizing());
        List<Map<String, Object>> out = new ArrayList<>();
        if (c.calibrated() != null) {
            for (SignalReview.Reviewed rv : new SignalReview(s.minQuality(), s.minStrength(), s.uncertaintyThreshold(),
                    VOLUME_WINDOW, tuning).review(f, c.bars())) {
                out.add(json(rv, sizer));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", f.symbol());
        body.put("timeframe", f.timeframe().name());
        body.put("time", f.instant().toString());
        body.put("model", f.modelName());
        body.put("model_version", f.modelVersion());
        body.put("min_quality", s.minQuality());
        body.put("min_strength", s.minStrength());
        body.put("directional_confidence", s.directionalConfidence());
        body.put("position_scaling", s.positionScaling());
        body.put("calibration", calibration(c));
        body.put("signals", out);
        ctx.json(body);
    }

    private Map<String, Object> calibration(ForecastService.Calibrated c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", calibration.mode().label());
        m.put("replayed_bars", c.replayed());
        m.put("warm", c.calibrated() != null);
        if (c.calibrated() == null) {
            m.put("message", "the calibrator is still warming up (" + calibration.warmup()
                    + " resolved outcomes per horizon): a paper session would not trade yet");
        }
        List<Map<String, Object>> hs = new ArrayList<>();
        for (int k = 0; k < c.raw().horizons().size(); k++) {
            HorizonForecast raw = c.raw().horizons().get(k);
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("horizon", raw.horizon().minutes());
            h.put("raw", interval(raw));
            if (c.calibrated() != null) {
                h.put("calibrated", interval(c.calibrated().horizons().get(k)));
            }
            Double level = c.summary().levels().get(raw.horizon());
            h.put("level", level == null ? calibration.alpha() : level);
            hs.add(h);
        }
        m.put("horizons", hs);
        return m;
    }

    private static Map<String, Double> interval(HorizonForecast h) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mean", h.mean());
        m.put("std", h.std());
        m.put("q05", h.q05());
        m.put("q50", h.q50());
        m.put("q95", h.q95());
        return m;
    }

    private Map<String, Object> json(SignalReview.Reviewed rv, PositionSizer sizer) {
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
        m.put("p_direction", SignalTuning.directionProbability(sig));
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
        m.put("size", size(sig, sizer));
        return m;
    }

    private Map<String, Object> size(Signal sig, PositionSizer sizer) {
        Instrument inst = instruments.resolve(sig.symbol());
        SizingDecision d = sig.direction() == Direction.NEUTRAL
                ? new SizingDecision(0, 0, true, "no direction: nothing to trade", List.of()) : sizer.size(new SizingRequest(sig.entry(), sig.stop(), sig.metadata().uncertaintyPct(), null,
                REFERENCE_EQUITY, REFERENCE_EQUITY, inst.contractSize(),
                inst.quoteCurrency().equals("USD") ? 1 : 1 / sig.entry(), 0, List.of(), 0, 0));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("equity", REFERENCE_EQUITY);
        m.put("lots", d.lots());
        m.put("risk_pct", 100 * d.riskAmount() / REFERENCE_EQUITY);
        m.put("rejected", d.rejected());
        if (d.reason() != null) {
            m.put("reason", d.reason());
        }
        m.put("steps", d.steps());
        return m;
    }
}
