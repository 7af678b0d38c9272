package com.forexdiffusion.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.conformal.CalibrationConfig;
import com.forexdiffusion.forecast.conformal.CalibrationMode;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The settings that govern trading change what the Signals page decides, and the page scores calibrated forecasts:
 * each expected value is computed here from the formula (normal CDF, strength × weight × horizons, the sizer's
 * fixed-fractional lots), not read back from the code under test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignalSettingsTest {
    private static final String SIGNALS = "/api/signals?symbol=EURUSD&timeframe=M15&forecaster=dlinear";
    private final HttpClient http = HttpClient.newHttpClient();
    private Database db;
    private DashboardServer aci;
    private DashboardServer raw;

    @BeforeAll
    void start() throws Exception {
        db = Database.open("sqlite:" + Files.createTempDirectory("fxd-web-sig").resolve("fxd.db"));
        Fixture.fill(db, 45);
        aci = DashboardServer.builder(db).port(0).build().start();
        raw = DashboardServer.builder(db).port(0)
                .calibration(CalibrationConfig.defaults().withMode(CalibrationMode.NONE)).build().start();
    }

    @AfterAll
    void stop() {
        aci.close();
        raw.close();
        db.close();
    }

    @BeforeEach
    void defaults() throws Exception {
        put("{\"directional_confidence\": 0.6, \"position_scaling\": true, \"uncertainty_threshold\": 0.5, "
                + "\"horizon_weights\": {\"15\": 0.3, \"60\": 0.5, \"240\": 0.2}, \"min_quality\": 0.65}");
    }

    private void put(String body) throws Exception {
        Fixture.Response r = Fixture.send(http, base(aci), "PUT", "/api/settings", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static String base(DashboardServer s) {
        return "http://127.0.0.1:" + s.port();
    }

    private JsonNode signals(DashboardServer s) throws Exception {
        Fixture.Response r = Fixture.get(http, base(s), SIGNALS);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("signals").size()).as(r.body()).isEqualTo(3);
        return r.json();
    }

    private static double pDirection(JsonNode g) {
        double sigma = g.get("uncertainty_pct").asDouble() * g.get("entry").asDouble() / 100;
        return new NormalDistribution(0, 1).cumulativeProbability(
                Math.abs(g.get("target").asDouble() - g.get("entry").asDouble()) / sigma);
    }

    @Test
    void directionalConfidenceTurnsAnUnsureSignalNeutral() throws Exception {
        put("{\"directional_confidence\": 0.5}");
        JsonNode low = signals(aci);
        JsonNode g = low.get("signals").get(0);
        double p = pDirection(g);
        assertThat(g.get("p_direction").asDouble()).isCloseTo(p, within(1e-9));
        assertThat(g.get("direction").asText()).isNotEqualTo("neutral");
        assertThat(p).isLessThan(0.999);

        put("{\"directional_confidence\": " + Math.min(1, p + 0.0005) + "}");
        JsonNode high = signals(aci).get("signals").get(0);
        assertThat(high.get("direction").asText()).isEqualTo("neutral");
        assertThat(high.get("accepted").asBoolean()).isFalse();
        assertThat(high.get("reasons").toString()).contains("below the directional confidence");
    }

    @Test
    void horizonWeightsScaleEachHorizonsStrength() throws Exception {
        double third = 1.0 / 3;
        put("{\"horizon_weights\": {\"15\": " + third + ", \"60\": " + third + ", \"240\": " + (1 - 2 * third) + "}}");
        Map<Integer, Double> equal = strengths(signals(aci));
        put("{\"horizon_weights\": {\"15\": 0.6, \"60\": 0.3, \"240\": 0.1}}");
        Map<Integer, Double> tilted = strengths(signals(aci));
        // weight × 3 horizons: 1.8, 0.9 and 0.3 times the strength at equal weights, capped at 1.
        assertThat(tilted.get(15)).isCloseTo(Math.min(1, equal.get(15) * 1.8), within(1e-9));
        assertThat(tilted.get(60)).isCloseTo(equal.get(60) * 0.9, within(1e-9));
        assertThat(tilted.get(240)).isCloseTo(equal.get(240) * 0.3, within(1e-9));
        assertThat(tilted.get(240)).isLessThan(equal.get(240));
    }

    private static Map<Integer, Double> strengths(JsonNode s) {
        Map<Integer, Double> m = new HashMap<>();
        s.get("signals").forEach(g -> m.put(g.get("horizon").asInt(), g.get("strength").asDouble()));
        return m;
    }

    @Test
    void positionScalingShrinksTheSizeByUncertainty() throws Exception {
        put("{\"position_scaling\": false, \"directional_confidence\": 0.5}");
        JsonNode off = signals(aci);
        put("{\"position_scaling\": true}");
        JsonNode on = signals(aci);
        boolean differs = false;
        for (int k = 0; k < 3; k++) {
            JsonNode a = off.get("signals").get(k);
            JsonNode b = on.get("signals").get(k);
            assertThat(a.get("direction").asText()).isNotEqualTo("neutral");
            double perLot = Math.abs(a.get("entry").asDouble() - a.get("stop").asDouble()) * 100_000;
            // Fixed fractional 1 % of 100 000 at the stop, on the 0.01 lot grid; with scaling × (1 − u / 0.5 %).
            assertThat(a.get("size").get("lots").asDouble())
                    .isCloseTo(Math.floor(1000 / perLot / 0.01 + 1e-9) * 0.01, within(1e-9));
            double u = b.get("uncertainty_pct").asDouble();
            double scaled = u >= 0.5 ? 0 : Math.floor(1000 * (1 - u / 0.5) / perLot / 0.01 + 1e-9) * 0.01;
            assertThat(b.get("size").get("lots").asDouble()).isCloseTo(scaled, within(1e-9));
            differs |= a.get("size").get("lots").asDouble() != b.get("size").get("lots").asDouble();
        }
        assertThat(differs).isTrue();
    }

    @Test
    void signalsScoreTheCalibratedForecast() throws Exception {
        JsonNode cal = signals(aci);
        JsonNode none = signals(raw);
        assertThat(cal.get("calibration").get("mode").asText()).isEqualTo("aci");
        assertThat(cal.get("calibration").get("warm").asBoolean()).isTrue();
        assertThat(none.get("calibration").get("mode").asText()).isEqualTo("none");
        boolean moved = false;
        for (int k = 0; k < 3; k++) {
            JsonNode h = cal.get("calibration").get("horizons").get(k);
            JsonNode r = h.get("raw");
            JsonNode c = h.get("calibrated");
            // The calibrated σ moves with the interval width (IntervalAdjustment), and the signal reads that σ.
            double widthRatio = (c.get("q95").asDouble() - c.get("q05").asDouble())
                    / (r.get("q95").asDouble() - r.get("q05").asDouble());
            assertThat(c.get("std").asDouble() / r.get("std").asDouble()).isCloseTo(widthRatio, within(1e-6));
            JsonNode g = cal.get("signals").get(k);
            assertThat(g.get("uncertainty_pct").asDouble())
                    .isCloseTo(100 * c.get("std").asDouble() / g.get("entry").asDouble(), within(1e-9));
            moved |= Math.abs(widthRatio - 1) > 1e-3;
            JsonNode n = none.get("calibration").get("horizons").get(k);
            assertThat(n.get("calibrated").get("q05").asDouble()).isEqualTo(n.get("raw").get("q05").asDouble());
        }
        assertThat(moved).as("ACI changed at least one interval").isTrue();
    }
}
