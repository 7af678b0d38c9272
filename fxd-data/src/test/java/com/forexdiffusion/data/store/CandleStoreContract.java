package com.forexdiffusion.data.store;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link CandleStore} engine must show; subclasses supply a fresh, migrated database. */
abstract class CandleStoreContract {
    abstract Database database();

    static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    static BarSeries minutes(String symbol, long start, int n, double base) {
        BarSeries.Builder b = BarSeries.builder(symbol, Timeframe.M1, n);
        for (int i = 0; i < n; i++) {
            double o = base + i * 1e-5;
            b.add(start + i * 60_000L, o, o + 2e-4, o - 1e-4, o + 5e-5, i);
        }
        return b.build();
    }

    private void store(BarSeries s, String source) {
        try (CandleWriter w = database().candles().writer()) {
            w.addAll(s, source);
            w.commit();
        }
    }

    @Test
    void storesAndReadsBackExactValues() {
        BarSeries in = minutes("EURUSD", ms("2024-01-03T10:00:00Z"), 12_345, 1.09876);
        store(in, "test.csv");
        BarSeries out = database().candles().readAll("EURUSD", Timeframe.M1);
        assertThat(out.size()).isEqualTo(12_345);
        assertThat(out.timestamps()).isEqualTo(in.timestamps());
        assertThat(out.opens()).isEqualTo(in.opens());
        assertThat(out.highs()).isEqualTo(in.highs());
        assertThat(out.lows()).isEqualTo(in.lows());
        assertThat(out.closes()).isEqualTo(in.closes());
        assertThat(out.volumes()).isEqualTo(in.volumes());
        assertThat(database().candles().count("eur/usd", Timeframe.M1)).isEqualTo(12_345);
        assertThat(database().candles().count("EURUSD", Timeframe.M5)).isZero();
    }

    @Test
    void rangeIsHalfOpen() {
        long t0 = ms("2024-01-03T10:00:00Z");
        store(minutes("EURUSD", t0, 10, 1.1), "a");
        BarSeries r = database().candles().read("EURUSD", Timeframe.M1, t0 + 2 * 60_000, t0 + 5 * 60_000);
        assertThat(r.timestamps()).containsExactly(t0 + 120_000, t0 + 180_000, t0 + 240_000);
        assertThat(database().candles().read("EURUSD", Timeframe.M1, t0 + 10 * 60_000, Long.MAX_VALUE).size()).isZero();
    }

    @Test
    void rangesAcrossStorageBlocksMatchAFilterOfTheWholeSeries() {
        long t0 = ms("2024-01-03T10:00:00Z");
        BarSeries in = minutes("EURUSD", t0, 20_000, 1.1);
        store(in, "a");
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int k = 0; k < 25; k++) {
            int a = rnd.nextInt(20_001);
            int b = a + rnd.nextInt(20_001 - a);
            long from = t0 + a * 60_000L - rnd.nextInt(2) * 30_000L;
            long to = t0 + b * 60_000L;
            BarSeries r = database().candles().read("EURUSD", Timeframe.M1, from, to);
            BarSeries expected = in.between(from, to);
            assertThat(r.timestamps()).as("[%d, %d)", from, to).isEqualTo(expected.timestamps());
            assertThat(r.closes()).isEqualTo(expected.closes());
        }
    }

    @Test
    void rowsWrittenOutOfOrderAndTwiceInOneTransactionReadBackSortedWithTheLastValues() {
        long t0 = ms("2024-01-03T10:00:00Z");
        BarSeries in = minutes("EURUSD", t0, 12_000, 1.1);
        try (CandleWriter w = database().candles().writer()) {
            // Second half first, then the first half, then one bar again with other values.
            for (int i = 6_000; i < 12_000; i++) {
                w.add("EURUSD", Timeframe.M1, in.ts(i), in.open(i), in.high(i), in.low(i), in.close(i), in.volume(i), "a");
            }
            for (int i = 0; i < 6_000; i++) {
                w.add("EURUSD", Timeframe.M1, in.ts(i), in.open(i), in.high(i), in.low(i), in.close(i), in.volume(i), "a");
            }
            w.add("EURUSD", Timeframe.M1, in.ts(100), 2, 3, 1, 2.5, 9, "b");
            w.commit();
        }
        BarSeries out = database().candles().readAll("EURUSD", Timeframe.M1);
        assertThat(out.timestamps()).isEqualTo(in.timestamps());
        assertThat(out.close(99)).isEqualTo(in.close(99));
        assertThat(out.close(100)).isEqualTo(2.5);
        assertThat(out.close(11_999)).isEqualTo(in.close(11_999));
    }

    @Test
    void theSameKeyTwiceInOneBatchKeepsTheLastValues() {
        long t0 = ms("2024-01-03T10:00:00Z");
        try (CandleWriter w = database().candles().writer()) {
            w.add("EURUSD", Timeframe.M1, t0, 1, 2, 0.5, 1.5, 1, "a");
            w.add("EURUSD", Timeframe.M1, t0 + 60_000, 1, 2, 0.5, 1.5, 1, "a");
            w.add("EURUSD", Timeframe.M1, t0, 1, 3, 0.5, 2.5, 1, "b");
            w.commit();
        }
        BarSeries out = database().candles().readAll("EURUSD", Timeframe.M1);
        assertThat(out.size()).isEqualTo(2);
        assertThat(out.close(0)).isEqualTo(2.5);
        assertThat(out.high(0)).isEqualTo(3);
    }

    @Test
    void reimportIsIdempotentAndTheLastValuesWin() {
        long t0 = ms("2024-01-03T10:00:00Z");
        store(minutes("EURUSD", t0, 100, 1.1), "a");
        store(minutes("EURUSD", t0, 100, 1.1), "a");
        assertThat(database().candles().count("EURUSD", Timeframe.M1)).isEqualTo(100);
        store(minutes("EURUSD", t0 + 50 * 60_000, 100, 1.2), "b");
        BarSeries all = database().candles().readAll("EURUSD", Timeframe.M1);
        assertThat(all.size()).isEqualTo(150);
        assertThat(all.open(49)).isEqualTo(1.1 + 49 * 1e-5);
        assertThat(all.open(50)).isEqualTo(1.2);
    }

    @Test
    void closingWithoutCommitLeavesThePreviousContentUntouched() {
        long t0 = ms("2024-01-03T10:00:00Z");
        store(minutes("EURUSD", t0, 20, 1.1), "a");
        try (CandleWriter w = database().candles().writer()) {
            w.addAll(minutes("EURUSD", t0, 12_000, 9.9), "b");
            assertThat(w.added()).isEqualTo(12_000);
        }
        BarSeries all = database().candles().readAll("EURUSD", Timeframe.M1);
        assertThat(all.size()).isEqualTo(20);
        assertThat(all.open(0)).isEqualTo(1.1);
    }

    @Test
    void infoCountsHolesInsideSessionsButNotWeekends() {
        // Friday 2024-01-05 21:55..21:59 UTC (market closes 22:00 UTC in winter), then Sunday 22:00 onwards.
        BarSeries.Builder b = BarSeries.builder("GBPUSD", Timeframe.M1, 32);
        long fri = ms("2024-01-05T21:55:00Z");
        for (int i = 0; i < 5; i++) {
            b.add(fri + i * 60_000L, 1.27, 1.271, 1.269, 1.2705, 1);
        }
        long sun = ms("2024-01-07T22:00:00Z");
        // Sunday 22:00, 22:01, [22:02 22:03 22:04 missing], 22:05, [22:06 missing], 22:07
        for (int m : new int[]{0, 1, 5, 7}) {
            b.add(sun + m * 60_000L, 1.27, 1.271, 1.269, 1.2705, 1);
        }
        store(b.build(), "synthetic");
        store(minutes("EURUSD", ms("2024-01-03T10:00:00Z"), 3, 1.1), "file.csv");
        List<SeriesInfo> info = database().candles().info();
        assertThat(info).hasSize(2);
        SeriesInfo eur = info.get(0);
        assertThat(eur.symbol()).isEqualTo("EURUSD");
        assertThat(eur.gaps()).isZero();
        assertThat(eur.synthetic()).isFalse();
        SeriesInfo gbp = info.get(1);
        assertThat(gbp.rows()).isEqualTo(9);
        assertThat(gbp.firstTs()).isEqualTo(fri);
        assertThat(gbp.lastTs()).isEqualTo(sun + 7 * 60_000L);
        assertThat(gbp.gaps()).isEqualTo(2);
        assertThat(gbp.missingBars()).isEqualTo(4);
        assertThat(gbp.synthetic()).isTrue();
    }

    @Test
    void deleteRemovesOneSeries() {
        long t0 = ms("2024-01-03T10:00:00Z");
        store(minutes("EURUSD", t0, 10, 1.1), "a");
        store(minutes("USDJPY", t0, 7, 150.1), "a");
        assertThat(database().candles().delete("EURUSD", Timeframe.M1)).isEqualTo(10);
        assertThat(database().candles().count("EURUSD", Timeframe.M1)).isZero();
        assertThat(database().candles().count("USDJPY", Timeframe.M1)).isEqualTo(7);
    }

    @Test
    void migrationsCreateEveryTableAndColumnOfTheSchema() throws SQLException {
        assertThat(columns("candles")).contains("symbol", "timeframe", "ts", "open", "high", "low", "close", "volume",
                "source");
        assertThat(columns("ldm4ts_predictions")).contains("prediction_id", "symbol", "timeframe", "forecast_time",
                "horizon_minutes", "target_time", "current_price", "mean_pred", "median_pred", "std_pred", "q05_pred",
                "q95_pred", "direction", "signal_strength", "uncertainty_pct", "quality_score", "regime",
                "regime_confidence", "actual_price", "mae", "mse", "mape", "interval_hit", "direction_correct",
                "model_version", "inference_time_ms", "num_samples", "created_at");
        assertThat(columns("ldm4ts_model_metadata")).contains("model_version", "model_path", "symbol", "timeframe",
                "profile", "image_size", "vae_model", "diffusion_steps", "num_mc_samples", "training_start",
                "training_end", "num_epochs", "training_samples", "validation_mse", "validation_mae",
                "total_predictions", "avg_inference_ms", "avg_mae", "avg_mse", "directional_accuracy",
                "interval_coverage", "is_active", "deployed_at", "retired_at", "created_at", "updated_at");
        assertThat(columns("ldm4ts_inference_metrics")).contains("model_version", "symbol", "timeframe",
                "metric_time", "inference_count", "avg_inference_ms", "p95_inference_ms", "p99_inference_ms",
                "max_inference_ms", "avg_uncertainty_pct", "avg_signal_strength", "avg_quality_score",
                "completed_predictions", "rolling_mae", "rolling_mse", "rolling_directional_acc",
                "rolling_interval_coverage", "error_count", "last_error", "created_at");
        assertThat(columns("trading_engine_configs")).contains("use_ldm4ts", "ldm4ts_model_version",
                "ldm4ts_horizons", "ldm4ts_uncertainty_threshold", "ldm4ts_min_strength", "ldm4ts_position_scaling",
                "ldm4ts_num_samples");
    }

    @Test
    void schemaDefaultsApply() throws SQLException {
        try (Connection c = database().connection()) {
            c.createStatement().executeUpdate("INSERT INTO trading_engine_configs (name, version, created_at, "
                    + "updated_at) VALUES ('default', 1, 0, 0)");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT use_ldm4ts, ldm4ts_horizons, "
                    + "ldm4ts_uncertainty_threshold, ldm4ts_min_strength, ldm4ts_position_scaling, ldm4ts_num_samples "
                    + "FROM trading_engine_configs")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isFalse();
                assertThat(rs.getString(2)).isEqualTo("15,60,240");
                assertThat(rs.getDouble(3)).isEqualTo(0.5);
                assertThat(rs.getDouble(4)).isEqualTo(0.3);
                assertThat(rs.getBoolean(5)).isTrue();
                assertThat(rs.getInt(6)).isEqualTo(50);
            }
        }
    }

    private Set<String> columns(String table) throws SQLException {
        Set<String> cols = new HashSet<>();
        try (Connection c = database().connection();
             ResultSet rs = c.getMetaData().getColumns(null, null, table, null)) {
            while (rs.next()) {
                cols.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        assertThat(cols).as("columns of " + table).isNotEmpty();
        return cols;
    }

    @Test
    void newYorkCloseBarsAreStoredUnderTheirOwnKeyBesideTheUtcOnes() {
        // Wednesday 2024-01-03 00:00 UTC to Friday 00:00 UTC: two UTC days, three New York trading days touched.
        store(minutes("EURUSD", ms("2024-01-03T00:00:00Z"), 2 * 1440, 1.1), "m1.csv");
        var utc = com.forexdiffusion.data.resample.StoredResampling.resample(database().candles(), "EURUSD",
                Timeframe.M1, List.of(Timeframe.D1, Timeframe.H4),
                com.forexdiffusion.data.resample.Resampler.Alignment.UTC);
        var ny = com.forexdiffusion.data.resample.StoredResampling.resample(database().candles(), "EURUSD",
                Timeframe.M1, List.of(Timeframe.D1, Timeframe.H4),
                com.forexdiffusion.data.resample.Resampler.Alignment.NEW_YORK_CLOSE);
        assertThat(ny.get(0).target()).isEqualTo(Timeframe.D1_NY);
        assertThat(ny.get(1).target()).isEqualTo(Timeframe.H4_NY);
        BarSeries d1 = database().candles().readAll("EURUSD", Timeframe.D1);
        assertThat(d1.timestamps()).containsExactly(ms("2024-01-03T00:00:00Z"), ms("2024-01-04T00:00:00Z"));
        assertThat(database().candles().readAll("EURUSD", Timeframe.H4).size()).isEqualTo(12);
        BarSeries d1ny = database().candles().readAll("EURUSD", Timeframe.parse("d1-ny"));
        // 17:00 EST = 22:00 UTC: the sessions that opened Tuesday, Wednesday and Thursday evening.
        assertThat(d1ny.timestamps()).containsExactly(ms("2024-01-02T22:00:00Z"), ms("2024-01-03T22:00:00Z"),
                ms("2024-01-04T22:00:00Z"));
        // The session of Wednesday 22:00 to Thursday 22:00 UTC: its close is the M1 bar of Thursday 21:59.
        BarSeries m1 = database().candles().readAll("EURUSD", Timeframe.M1);
        int last = java.util.Arrays.binarySearch(m1.timestamps(), ms("2024-01-04T21:59:00Z"));
        assertThat(d1ny.close(1)).isEqualTo(m1.close(last));
        assertThat(database().candles().count("EURUSD", Timeframe.D1)).isEqualTo(2);
        assertThat(database().candles().count("EURUSD", Timeframe.D1_NY)).isEqualTo(3);
        assertThat(utc.get(0).written()).isEqualTo(2);
        // The first and last New York sessions are only partly covered by the two UTC days of M1 bars.
        assertThat(ny.get(0).partial()).isEqualTo(2);
        assertThat(utc.get(0).partial()).isZero();
    }

    @Test
    void aResampledBarBuiltFromPartOfItsMinutesIsFlaggedAndCountedAsAGap() {
        // Wednesday 10:00..11:59 UTC with 10:17 and 10:18 missing: the 10:00 H1 bar is partial, 11:00 complete.
        BarSeries all = minutes("EURUSD", ms("2024-01-03T10:00:00Z"), 120, 1.1);
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M1, 120);
        for (int i = 0; i < all.size(); i++) {
            if (i != 17 && i != 18) {
                b.add(all.ts(i), all.open(i), all.high(i), all.low(i), all.close(i), all.volume(i));
            }
        }
        store(b.build(), "m1.csv");
        var r = com.forexdiffusion.data.resample.StoredResampling.resample(database().candles(), "EURUSD",
                Timeframe.M1, List.of(Timeframe.H1), com.forexdiffusion.data.resample.Resampler.Alignment.UTC);
        assertThat(r.getFirst().written()).isEqualTo(2);
        assertThat(r.getFirst().partial()).isEqualTo(1);
        SeriesInfo h1 = database().candles().info("EURUSD", Timeframe.H1).orElseThrow();
        assertThat(h1.partialBars()).isEqualTo(1);
        assertThat(h1.gaps()).isEqualTo(1);
        assertThat(h1.missingBars()).isZero();
        try (Connection c = database().connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT ts, missing_minutes FROM candles WHERE timeframe = 'H1' ORDER BY ts")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(ms("2024-01-03T10:00:00Z"));
            assertThat(rs.getInt(2)).isEqualTo(2);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(2)).isZero();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        // Filling the hole and resampling again makes the bar complete.
        store(all, "m1-full.csv");
        com.forexdiffusion.data.resample.StoredResampling.resample(database().candles(), "EURUSD", Timeframe.M1,
                List.of(Timeframe.H1), com.forexdiffusion.data.resample.Resampler.Alignment.UTC);
        assertThat(database().candles().info("EURUSD", Timeframe.H1).orElseThrow().gaps()).isZero();
    }

    /**
     * Spreads travel with their bars: stored per M1 bar, an M5 bar gets the mean of the spreads of its minutes that
     * state one (none: no spread), and the spread in force at a moment is that of the last bar closed by then.
     */
    @Test
    void spreadsAreStoredWithTheirBarsAndResampledToTheirMean() {
        long t0 = ms("2024-01-03T10:00:00Z");
        BarSeries m1 = minutes("EURUSD", t0, 10, 1.1);
        double[] spread = {1e-4, 2e-4, 3e-4, 2e-4, 2e-4, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        try (CandleWriter w = database().candles().writer()) {
            for (int i = 0; i < m1.size(); i++) {
                w.add("EURUSD", Timeframe.M1, m1.ts(i), m1.open(i), m1.high(i), m1.low(i), m1.close(i), m1.volume(i),
                        "mt5.csv", 0, spread[i]);
            }
            w.commit();
        }
        BarSpreads s = database().candles().spreads("EURUSD", Timeframe.M1, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(s.size()).isEqualTo(5);
        // At 10:02:30 the bars of 10:00 and 10:01 have closed (10:02 is still open): the 10:01 bar's 2e-4.
        assertThat(s.closedBy(t0 + 150_000)).isEqualTo(2e-4);
        assertThat(s.closedBy(t0 + 180_000)).isEqualTo(3e-4);
        assertThat(s.closedBy(t0 + 59_999)).isNaN();
        // After 10:05 no bar states one: the last stated spread holds.
        assertThat(s.closedBy(t0 + 600_000)).isEqualTo(2e-4);
        com.forexdiffusion.data.resample.StoredResampling.resample(database().candles(), "EURUSD", Timeframe.M1,
                List.of(Timeframe.M5), com.forexdiffusion.data.resample.Resampler.Alignment.UTC);
        BarSpreads m5 = database().candles().spreads("EURUSD", Timeframe.M5, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(m5.ts()).containsExactly(t0);
        assertThat(m5.spread()[0]).isCloseTo((1e-4 + 2e-4 + 3e-4 + 2e-4 + 2e-4) / 5, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(database().candles().readAll("EURUSD", Timeframe.M5).size()).isEqualTo(2);
    }
}
