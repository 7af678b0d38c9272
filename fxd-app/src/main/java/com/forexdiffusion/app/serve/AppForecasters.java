package com.forexdiffusion.app.serve;

import com.forexdiffusion.app.forecast.ForecasterSpecs;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
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
        return ForecasterSpecs.factory(LDM4TS + ":" + checkpoint, horizons, registry);
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
