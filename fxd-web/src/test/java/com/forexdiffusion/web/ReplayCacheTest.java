package com.forexdiffusion.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.ForecastRequest;
import com.forexdiffusion.forecast.Forecaster;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.forecast.evaluation.ForecasterFactory;
import com.forexdiffusion.web.forecast.ForecastService;
import com.forexdiffusion.web.forecast.ForecasterCatalog;
import com.forexdiffusion.web.settings.Ldm4tsSettings;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Signals page's calibration replay of a model (a forecaster under the name ldm4ts whose version does not change
 * with its fit, as LDM4TS's names its weights) keeps its forecasts in the forecast cache: after a new bar only that
 * bar is forecast, and the answer is the one a replay without the cache gives.
 */
class ReplayCacheTest {
    private static final String SIGNALS = "/api/signals?symbol=EURUSD&timeframe=M15&forecaster=ldm4ts";

    @Test
    void afterANewBarOnlyThatBarIsForecast() throws Exception {
        AtomicInteger made = new AtomicInteger();
        ForecasterCatalog catalog = counting(made);
        try (Database db = Database.open("sqlite:" + Files.createTempDirectory("fxd-web-replay").resolve("fxd.db"))) {
            Fixture.fill(db, 45);
            HttpClient http = HttpClient.newHttpClient();
            try (DashboardServer server = DashboardServer.builder(db).port(0).forecasters(catalog).build().start()) {
                String base = "http://127.0.0.1:" + server.port();
                Fixture.Response first = Fixture.get(http, base, SIGNALS);
                assertThat(first.status()).as(first.body()).isEqualTo(200);
                int replayed = first.json().get("calibration").get("replayed_bars").asInt();
                assertThat(replayed).isEqualTo(50 + 16 + 100);
                assertThat(made.get()).isEqualTo(replayed);

                BarSeries m15 = db.candles().readAll(Fixture.SYMBOL, Timeframe.M15);
                long next = m15.lastTs() + Timeframe.M15.millis();
                double c = m15.close(m15.size() - 1);
                try (CandleWriter w = db.candles().writer()) {
                    w.add(Fixture.SYMBOL, Timeframe.M15, next, c, c + 0.0005, c - 0.0004, c + 0.0002, 120, "synthetic");
                    w.commit();
                }
                JsonNode second = Fixture.get(http, base, SIGNALS).json();
                assertThat(made.get()).as("forecasts made for the replay after one new bar").isEqualTo(replayed + 1);

                ForecastService.Calibrated fresh = new ForecastService(db.candles(), counting(new AtomicInteger()))
                        .calibrated(Fixture.SYMBOL, Timeframe.M15, ForecasterCatalog.LDM4TS, Long.MAX_VALUE,
                                Ldm4tsSettings.defaults(), CalibrationConfig.defaults());
                assertThat(fresh.calibrated().time()).isEqualTo(next);
                for (int k = 0; k < 3; k++) {
                    JsonNode h = second.get("calibration").get("horizons").get(k).get("calibrated");
                    assertThat(h.get("q05").asDouble()).isEqualTo(fresh.calibrated().horizons().get(k).q05());
                    assertThat(h.get("q95").asDouble()).isEqualTo(fresh.calibrated().horizons().get(k).q95());
                    assertThat(h.get("std").asDouble()).isEqualTo(fresh.calibrated().horizons().get(k).std());
                }
            }
        }
    }

    /** rw-ewma (nothing to fit, so one version) under the name ldm4ts, counting the forecasts it makes. */
    private static ForecasterCatalog counting(AtomicInteger made) {
        return new ForecasterCatalog() {
            @Override
            public ForecasterFactory factory(String name, List<Horizon> horizons, String checkpoint) {
                ForecasterFactory base = ForecasterFactory.rwEwma();
                return new ForecasterFactory() {
                    @Override
                    public String name() {
                        return LDM4TS;
                    }

                    @Override
                    public Forecaster fit(BarSeries train) {
                        Forecaster f = base.fit(train);
                        return new Forecaster() {
                            @Override
                            public String name() {
                                return f.name();
                            }

                            @Override
                            public String version() {
                                return f.version();
                            }

                            @Override
                            public int lookback() {
                                return f.lookback();
                            }

                            @Override
                            public Forecast forecast(ForecastRequest request) {
                                made.incrementAndGet();
                                return f.forecast(request);
                            }
                        };
                    }
                };
            }

            @Override
            public List<String> names() {
                return List.of(LDM4TS);
            }
        };
    }
}
