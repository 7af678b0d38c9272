package com.forexdiffusion.app.serve;

import com.forexdiffusion.app.forecast.ForecasterSpecs;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.ldm4ts.service.Ldm4tsForecaster;
import com.forexdiffusion.ldm4ts.service.ModelRegistry;
import com.forexdiffusion.web.forecast.ForecasterCatalog;
import com.forexdiffusion.web.settings.CheckpointCheck;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The dashboard's forecasters: the baselines, and ldm4ts from the checkpoint named in the settings. */
final class AppForecasters implements ForecasterCatalog {
    private final ModelRegistry registry;

    AppForecasters(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ForecasterFactory factory(String name, List<Horizon> horizons, String checkpoint) {
        if (!name.equals(LDM4TS)) {
            return ForecasterFactory.named(name, horizons);
        }
        if (checkpoint == null) {
            throw BadInputException.ofField("forecaster", "no LDM4TS checkpoint is configured (Settings page)");
        }
        Ldm4tsForecaster model;
        try {
            model = registry.load(Path.of(checkpoint));
        } catch (RuntimeException e) {
            throw BadInputException.ofField("forecaster", "the LDM4TS checkpoint " + checkpoint + " does not load: "
                    + e.getMessage());
        }
        model.requireHorizons(horizons);
        // Unlike a backtest's (ForecasterSpecs), the dashboard's forecast of a bar may come from a model trained on
        // bars up to it: it reads only the window before the bar, so nothing of the future leaks in.
        return new ForecasterFactory() {
            @Override
            public String name() {
                return ForecasterSpecs.displayName(model.config());
            }

            @Override
            public Forecaster fit(BarSeries train) {
                if (train.timeframe() != model.config().timeframeKind()) {
                    throw BadInputException.ofField("timeframe", "model " + model.version() + " was trained on "
                            + model.config().timeframe() + " bars, not " + train.timeframe());
                }
                return model;
            }
        };
    }

    @Override
    public List<String> names() {
        return List.of("rw-garch", "rw-ewma", "dlinear", LDM4TS);
    }

    /** Green only for a checkpoint that really loads (the registry keeps it loaded for the forecasts). */
    static CheckpointCheck checkpointCheck(ModelRegistry registry) {
        return cp -> {
            try {
                registry.load(Path.of(cp));
                return Optional.empty();
            } catch (RuntimeException e) {
                return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        };
    }
}
