package com.forexdiffusion.web.forecast;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.web.http.ApiException;

import java.util.List;

/**
 * The forecasters the dashboard may run, by name. This module knows only the baselines; the application passes a
 * catalogue that also builds {@code ldm4ts} from the configured checkpoint.
 */
public interface ForecasterCatalog {
    String LDM4TS = "ldm4ts";

    /**
     * @param checkpoint the settings' LDM4TS checkpoint directory (null when none), used only for {@value #LDM4TS}
     */
    ForecasterFactory factory(String name, List<Horizon> horizons, String checkpoint);

    List<String> names();

    /** The forecaster a request without one gets: LDM4TS when the settings enable it, else the GARCH random walk. */
    static String defaultName(boolean ldm4tsEnabled) {
        return ldm4tsEnabled ? LDM4TS : "rw-garch";
    }

    /** rw-ewma, rw-garch and dlinear. */
    static ForecasterCatalog baselines() {
        return new ForecasterCatalog() {
            @Override
            public ForecasterFactory factory(String name, List<Horizon> horizons, String checkpoint) {
                if (name.equals(LDM4TS)) {
                    throw ApiException.badField("forecaster", "this server runs no LDM4TS model (start it with fxd "
                            + "serve, which loads the checkpoint of the settings)");
                }
                return ForecasterFactory.named(name, horizons);
            }

            @Override
            public List<String> names() {
                return List.of("rw-garch", "rw-ewma", "dlinear");
            }
        };
    }
}
