package com.forexdiffusion.forecast.log;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.HorizonForecast;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The prediction log, the inference monitor and model health against the real schema: the same tests on SQLite
 * ({@link SqlitePredictionLogTest}) and PostgreSQL ({@link PostgresPredictionLogTest}).
 */
abstract class PredictionLogContract {
    static final long T = Instant.parse("2024-03-01T10:00:00Z").toEpochMilli();
    static final long MIN = 60_000L;

    Database db;
    final AtomicLong now = new AtomicLong(T + 15 * MIN);
    final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    final Map<Long, Double> closes = new HashMap<>();
    final PriceSource prices = (s, tf, ts) -> closes.containsKey(ts) ? OptionalDouble.of(closes.get(ts))
            : OptionalDouble.empty();

    /** A fresh, migrated database of the engine under test. */
    abstract Database openDatabase();

    @BeforeEach
    void open() {
        db = openDatabase();
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    static HorizonForecast h(int minutes, double mean, double std, double q05, double q95) {
        TreeMap<Double, Double> q = new TreeMap<>(Map.of(0.05, q05, 0.5, mean, 0.95, q95));
        return new HorizonForecast(new Horizon(minutes), T + minutes * MIN, mean, std, q, null);
    }

    Forecast forecast() {
        return new Forecast("EURUSD", Timeframe.M15, T, 1.1000, List.of(
                h(15, 1.1010, 0.0010, 1.0990, 1.1030),
                h(60, 1.0990, 0.0020, 1.0950, 1.1010),
                h(240, 1.1000, 0.0040, 1.0930, 1.1070)), 12.5, "rw-garch", "v1");
    }

    Map<String, Object> row(int horizon) throws Exception {
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT * FROM ldm4ts_predictions WHERE horizon_minutes = " + horizon)) {
            assertThat(rs.next()).isTrue();
            Map<String, Object> m = new HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object v = rs.getObject(i);
                // SQLite keeps booleans as 0/1, PostgreSQL as booleans: compare them as 0/1 on both.
                m.put(rs.getMetaData().getColumnName(i).toLowerCase(), v instanceof Boolean b ? (b ? 1 : 0) : v);
            }
            return m;
        }
    }

    @Test
    void recordsOneRowPerHorizonWithSignalFields() throws Exception {
        PredictionLog log = new PredictionLog(db::connection, clock);
        assertThat(log.record(forecast(), 50)).hasSize(3);
        Map<String, Object> r15 = row(15);
        assertThat(r15.get("direction")).isEqualTo("bull");
        assertThat(((Number) r15.get("signal_strength")).doubleValue()).isCloseTo(1.0, within(1e-9));
        assertThat(((Number) r15.get("uncertainty_pct")).doubleValue()).isCloseTo(100 * 0.001 / 1.1, within(1e-12));
        assertThat(((Number) r15.get("target_time")).longValue()).isEqualTo(T + 15 * MIN);
        assertThat(((Number) r15.get("num_samples")).intValue()).isEqualTo(50);
        assertThat(row(60).get("direction")).isEqualTo("bear");
        assertThat(((Number) row(60).get("signal_strength")).doubleValue()).isCloseTo(0.5, within(1e-9));
        assertThat(row(240).get("direction")).isEqualTo("neutral");
        assertThat(row(15).get("actual_price")).isNull();
    }

    @Test
    void resolvesOnlyOnceTheTargetBarHasClosedWithTheRealisedClose() throws Exception {
        PredictionLog log = new PredictionLog(db::connection, clock);
        log.record(forecast(), 50);
        closes.put(T + 15 * MIN, 1.1020);
        closes.put(T + 60 * MIN, 1.1040);
        // At 10:15 the target bar (10:15–10:30) has only opened: nothing may be resolved.
        now.set(T + 15 * MIN);
        assertThat(log.resolve(prices)).isZero();
        now.set(T + 30 * MIN - 1);
        assertThat(log.resolve(prices)).isZero();
        now.set(T + 30 * MIN);
        assertThat(log.resolve(prices)).isEqualTo(1);
        Map<String, Object> r15 = row(15);
        assertThat(((Number) r15.get("actual_price")).doubleValue()).isEqualTo(1.1020);
        assertThat(((Number) r15.get("mae")).doubleValue()).isCloseTo(0.0010, within(1e-12));
        assertThat(((Number) r15.get("mse")).doubleValue()).isCloseTo(1e-6, within(1e-15));
        assertThat(((Number) r15.get("mape")).doubleValue()).isCloseTo(100 * 0.001 / 1.102, within(1e-9));
        assertThat(((Number) r15.get("interval_hit")).intValue()).isEqualTo(1);
        assertThat(((Number) r15.get("direction_correct")).intValue()).isEqualTo(1);
        assertThat(row(60).get("actual_price")).isNull();

        // After a restart, a new log resolves what is still open; the 60-minute forecast was bear, price rose
        // above q95: a miss on both counts.
        now.set(T + 75 * MIN);
        PredictionLog restarted = new PredictionLog(db::connection, clock);
        assertThat(restarted.resolve(prices)).isEqualTo(1);
        Map<String, Object> r60 = row(60);
        assertThat(((Number) r60.get("interval_hit")).intValue()).isZero();
        assertThat(((Number) r60.get("direction_correct")).intValue()).isZero();
        assertThat(restarted.resolve(prices)).isZero();
    }

    @Test
    void aMissingTargetBarKeepsThePredictionOpenAndANeutralCallHasNoDirectionResult() throws Exception {
        PredictionLog log = new PredictionLog(db::connection, clock);
        log.record(forecast(), 50);
        now.set(T + 300 * MIN);
        closes.put(T + 240 * MIN, 1.0990);
        assertThat(log.resolve(prices)).isEqualTo(1);
        assertThat(row(240).get("direction_correct")).isNull();
        assertThat(((Number) row(240).get("interval_hit")).intValue()).isEqualTo(1);
        assertThat(row(15).get("actual_price")).isNull();
    }

    static Forecast monitored(long t, double ms, double mean) {
        TreeMap<Double, Double> q = new TreeMap<>(Map.of(0.05, mean - 0.002, 0.5, mean, 0.95, mean + 0.002));
        return new Forecast("EURUSD", Timeframe.M15, t, 1.1, List.of(new HorizonForecast(new Horizon(15), t + 15 * MIN,
                mean, 0.0011, q, null)), ms, "rw", "v9");
    }

    @Test
    void theMonitorWritesOneRowPerWindowWithLatencyAndAccuracyFiguresByHand() {
        now.set(T);
        PredictionLog log = new PredictionLog(db::connection, clock);
        InferenceMonitor mon = new InferenceMonitor(db::connection, clock, "v9", "EURUSD", "M15", 5, 3_600_000L);
        // Four forecasts with latencies 10, 20, 30, 40 ms, then an error: the fifth event closes the window.
        double[] ms = {10, 20, 30, 40};
        for (int i = 0; i < 4; i++) {
            Forecast f = monitored(T + i * 15 * MIN, ms[i], i % 2 == 0 ? 1.101 : 1.099);
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

    @Test
    void aForecastLoggedTwiceIsKeptAsFirstWritten() throws Exception {
        PredictionLog log = new PredictionLog(db::connection, clock);
        List<String> first = log.record(forecast(), 50);
        now.addAndGet(MIN);
        assertThat(log.record(forecast(), 20)).isEqualTo(first);
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*), MIN(num_samples) FROM ldm4ts_predictions")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(3);
            assertThat(rs.getInt(2)).isEqualTo(50);
        }
    }
}
