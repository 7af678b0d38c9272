package com.forexdiffusion.forecast.log;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.HorizonForecast;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InferenceMonitorTest {
    static final long T = Instant.parse("2024-03-01T10:00:00Z").toEpochMilli();
    static final long MIN = 60_000L;

    @TempDir
    Path dir;

    static Forecast forecast(long t, double ms, double mean) {
        TreeMap<Double, Double> q = new TreeMap<>(Map.of(0.05, mean - 0.002, 0.5, mean, 0.95, mean + 0.002));
        return new Forecast("EURUSD", Timeframe.M15, t, 1.1, List.of(new HorizonForecast(new Horizon(15), t + 15 * MIN,
                mean, 0.0011, q, null)), ms, "rw", "v9");
    }

    @Test
    void writesOneRowPerWindowWithLatencyAndAccuracyFiguresByHand() {
        Database db = Database.open("sqlite:" + dir.resolve("fxd.db"));
        AtomicLong now = new AtomicLong(T);
        InstantSource clock = () -> Instant.ofEpochMilli(now.get());
        PredictionLog log = new PredictionLog(db::connection, clock);
        InferenceMonitor mon = new InferenceMonitor(db::connection, clock, "v9", "EURUSD", "M15", 5, 3_600_000L);
        // Four forecasts with latencies 10, 20, 30, 40 ms, then an error: the fifth event closes the window.
        double[] ms = {10, 20, 30, 40};
        for (int i = 0; i < 4; i++) {
            Forecast f = forecast(T + i * 15 * MIN, ms[i], i % 2 == 0 ? 1.101 : 1.099);
            log.record(f, 50);
            mon.served(f);
        }
        // Outcomes: 1.1015 for every target. Bull forecasts (i = 0, 2) are right and inside the band (±0.002 around
        // 1.101); bear ones (i = 1, 3) are wrong and outside (band 1.097–1.101).
        now.set(T + 90 * MIN);
        log.resolve((s, tf, ts) -> OptionalDouble.of(1.1015));
        mon.failed(new IllegalStateException("boom"));
        List<ModelHealth.Row> rows = new ModelHealth(db::connection).recent("v9", 10);
        assertThat(rows).hasSize(1);
        ModelHealth.Row r = rows.get(0);
        assertThat(r.inferenceCount()).isEqualTo(4);
        assertThat(r.avgMs()).isEqualTo(25);
        // p95 of 10, 20, 30, 40 by linear interpolation: position 2.85 -> 30 + 0.85 · 10 = 38.5.
        assertThat(r.p95Ms()).isCloseTo(38.5, within(1e-9));
        assertThat(r.p99Ms()).isCloseTo(39.7, within(1e-9));
        assertThat(r.maxMs()).isEqualTo(40);
        assertThat(r.errorCount()).isEqualTo(1);
        assertThat(r.lastError()).isEqualTo("boom");
        assertThat(r.completedPredictions()).isEqualTo(4);
        assertThat(r.rollingDirectionalAccuracy()).isEqualTo(0.5);
        assertThat(r.rollingCoverage()).isEqualTo(0.5);
        // Errors |1.1015 − mean|: 0.0005, 0.0025, 0.0005, 0.0025.
        assertThat(r.rollingMae()).isCloseTo(0.0015, within(1e-12));
        assertThat(r.rollingMse()).isCloseTo((2 * 0.0005 * 0.0005 + 2 * 0.0025 * 0.0025) / 4, within(1e-15));
        mon.flush();
        assertThat(new ModelHealth(db::connection).recent("v9", 10)).hasSize(1);
    }
}
