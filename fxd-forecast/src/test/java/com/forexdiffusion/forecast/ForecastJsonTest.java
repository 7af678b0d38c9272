package com.forexdiffusion.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForecastJsonTest {
    static final long T = Instant.parse("2024-03-01T10:00:00Z").toEpochMilli();

    static Forecast sample() {
        HorizonForecast h15 = SampleStatistics.fromPrices(new Horizon(15), T + 15 * 60_000, new double[]{1.1, 1.2, 1.3},
                new double[0], false);
        HorizonForecast h60 = SampleStatistics.fromPrices(new Horizon(60), T + 60 * 60_000, new double[]{1.0, 1.4},
                new double[]{0.25}, true);
        return new Forecast("EURUSD", Timeframe.M15, T, 1.2, List.of(h60, h15), 12.5, "rw-garch", "v1");
    }

    @Test
    void predictionsFormFieldByField() throws Exception {
        JsonNode j = new ObjectMapper().readTree(ForecastJson.predictions(sample()).toString());
        assertThat(j.get("symbol").asText()).isEqualTo("EURUSD");
        assertThat(j.get("timeframe").asText()).isEqualTo("M15");
        assertThat(j.get("time").asText()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(j.get("last_close").asDouble()).isEqualTo(1.2);
        assertThat(j.get("model").asText()).isEqualTo("rw-garch");
        assertThat(j.get("model_version").asText()).isEqualTo("v1");
        assertThat(j.get("inference_ms").asDouble()).isEqualTo(12.5);
        JsonNode p15 = j.get("predictions").get("15");
        assertThat(p15.get("mean").asDouble()).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p15.get("std").asDouble()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        // Three draws: the predictive q05 and q95 sit at 1-based positions 0.2 and 3.8, clamped to the extreme draws.
        assertThat(p15.get("q05").asDouble()).isCloseTo(1.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p15.get("q50").asDouble()).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p15.get("q95").asDouble()).isCloseTo(1.3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p15.get("uncertainty_pct").asDouble()).isCloseTo(100 * 0.1 / 1.2,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p15.get("target_time").asText()).isEqualTo("2024-03-01T10:15:00Z");
        assertThat(p15.has("samples")).isFalse();
        JsonNode p60 = j.get("predictions").get("60");
        assertThat(p60.get("samples").size()).isEqualTo(2);
        // Two draws: q25 sits at the 1-based position 0.75, below the first draw.
        assertThat(p60.get("quantiles").get("0.25").asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void predictionsFormRoundTrips() {
        Forecast f = sample();
        Forecast back = ForecastJson.fromPredictions(ForecastJson.predictions(f));
        assertThat(back.symbol()).isEqualTo(f.symbol());
        assertThat(back.time()).isEqualTo(f.time());
        assertThat(back.at(new Horizon(60)).quantiles()).isEqualTo(f.at(new Horizon(60)).quantiles());
        assertThat(back.at(new Horizon(60)).samples()).containsExactly(1.0, 1.4);
        assertThat(back.at(new Horizon(15)).std()).isEqualTo(f.at(new Horizon(15)).std());
    }

    @Test
    void chartFormHasParallelListsOrderedByHorizon() {
        JsonNode j = ForecastJson.chart(sample());
        assertThat(j.get("horizons").toString()).isEqualTo("[15,60]");
        assertThat(j.get("future_ts").get(0).asText()).isEqualTo("2024-03-01T10:15:00Z");
        assertThat(j.get("future_ts").get(1).asText()).isEqualTo("2024-03-01T11:00:00Z");
        for (String k : new String[]{"mean", "std", "q05", "q50", "q95"}) {
            assertThat(j.get(k).size()).as(k).isEqualTo(2);
        }
        assertThat(j.get("q95").get(1).asDouble()).isCloseTo(1.4, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void requestsAreValidated() {
        BarSeries w = BarSeries.builder("EURUSD", Timeframe.H1, 2).add(0, 1, 1, 1, 1, 0).build();
        assertThatThrownBy(() -> ForecastRequest.of(w, List.of(new Horizon(15)), 10, 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("H1");
        assertThatThrownBy(() -> ForecastRequest.of(w, List.of(new Horizon(60)), 0, 1))
                .hasMessageContaining("samples");
        assertThatThrownBy(() -> ForecastRequest.of(BarSeries.empty("EURUSD", Timeframe.H1), List.of(new Horizon(60)),
                1, 1)).hasMessageContaining("window");
        ForecastRequest ok = ForecastRequest.of(w, List.of(new Horizon(60)), 5, 1);
        assertThat(ok.time()).isZero();
        assertThat(ok.lastClose()).isEqualTo(1);
    }
}
