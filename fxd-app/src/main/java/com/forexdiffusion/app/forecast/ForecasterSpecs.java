package com.forexdiffusion.app.forecast;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.ldm4ts.fusion.TemporalFusion;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import com.forexdiffusion.ldm4ts.service.Ldm4tsForecaster;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import com.forexdiffusion.ldm4ts.service.SamplerOverride;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Forecasters named on a command line: the baselines (rw-ewma, rw-garch, dlinear), fitted per fold, and
 * {@code ldm4ts:DIR}, a trained checkpoint ({@code ldm4ts:DIR?steps=N&draws=M} draws its samples another way, for
 * comparing samplers on the same weights and windows). A checkpoint is not refitted; instead every "fit" checks that the
 * model saw no bar after the fit data ends, so a backtest or evaluation never tests it on its own training data.
 */
public final class ForecasterSpecs {
    private ForecasterSpecs() {
    }

    /** ldm4ts, or ldm4ts-explicit / ldm4ts-implicit for the one-pathway ablations, in every table. */
    public static String displayName(Ldm4tsConfig cfg) {
        return cfg.fusionMode() == TemporalFusion.Mode.GATED ? Ldm4tsForecaster.NAME
                : Ldm4tsForecaster.NAME + "-" + (cfg.fusionMode() == TemporalFusion.Mode.EXPLICIT_ONLY ? "explicit"
                : "implicit");
    }

    public static ForecasterFactory factory(String spec, List<Horizon> horizons, ModelRegistry registry) {
        String s = spec.trim();
        if (!s.startsWith(Ldm4tsForecaster.NAME + ":")) {
            return ForecasterFactory.named(s, horizons);
        }
        String path = s.substring(Ldm4tsForecaster.NAME.length() + 1);
        SamplerOverride sampler = SamplerOverride.NONE;
        int query = path.lastIndexOf('?');
        if (query >= 0) {
            sampler = SamplerOverride.parse(path.substring(query + 1), "forecaster");
            path = path.substring(0, query);
        }
        Path dir = Path.of(path);
        Ldm4tsForecaster model = registry.load(dir, sampler).requireHorizons(horizons);
        Ldm4tsConfig cfg = model.config();
        String name = displayName(cfg) + sampler.versionSuffix();
        return new ForecasterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Forecaster fit(BarSeries train) {
                if (train.timeframe() != cfg.timeframeKind()) {
                    throw BadInputException.ofField("forecaster", "model " + model.version() + " (" + dir + ") was "
                            + "trained on " + cfg.timeframe() + " bars, not " + train.timeframe());
                }
                if (cfg.data() != null && cfg.data().to() > train.lastTs()) {
                    throw BadInputException.ofField("forecaster", "model " + model.version() + " (" + dir + ") was "
                            + "trained on bars up to " + Instant.ofEpochMilli(cfg.data().to()) + "; forecasts from "
                            + Instant.ofEpochMilli(train.lastTs()) + " on would be tested on its own training data. "
                            + "Start after its training data.");
                }
                return model;
            }
        };
    }
}
