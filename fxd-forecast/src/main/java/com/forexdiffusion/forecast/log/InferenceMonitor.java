package com.forexdiffusion.forecast.log;

import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.HorizonForecast;
import com.forexdiffusion.forecast.SampleStatistics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Rolling health of one model on one series (SPEC §5): latencies and errors of the forecasts it served, and the
 * accuracy of its resolved predictions. Every {@code everyForecasts} forecasts or {@code everyMillis}, whichever
 * comes first, one row goes to ldm4ts_inference_metrics and the window starts again. Not thread-safe.
 */
public final class InferenceMonitor {
    private final Supplier<Connection> connections;
    private final InstantSource clock;
    private final String modelVersion;
    private final String symbol;
    private final String timeframe;
    private final int everyForecasts;
    private final long everyMillis;
    private final List<Double> latencies = new ArrayList<>();
    private double uncertaintySum;
    private double strengthSum;
    private long horizons;
    private long errors;
    private String lastError;
    private long windowStart;

    public InferenceMonitor(Supplier<Connection> connections, InstantSource clock, String modelVersion, String symbol,
                            String timeframe, int everyForecasts, long everyMillis) {
        this.connections = connections;
        this.clock = clock;
        this.modelVersion = modelVersion;
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.everyForecasts = everyForecasts;
        this.everyMillis = everyMillis;
        this.windowStart = clock.millis();
    }

    public void served(Forecast f) {
        latencies.add(f.inferenceMillis());
        for (HorizonForecast h : f.horizons()) {
            uncertaintySum += h.uncertaintyPct(f.lastClose());
            strengthSum += h.strength(f.lastClose());
            horizons++;
        }
        maybeFlush();
    }

    public void failed(Throwable error) {
        errors++;
        String m = String.valueOf(error.getMessage());
        lastError = m.length() > 1900 ? m.substring(0, 1900) : m;
        maybeFlush();
    }

    private void maybeFlush() {
        if (latencies.size() + errors >= everyForecasts || clock.millis() - windowStart >= everyMillis) {
            flush();
        }
    }

    /** Writes the current window (if it saw anything) and starts a new one. */
    public void flush() {
        if (latencies.isEmpty() && errors == 0) {
            return;
        }
        long now = clock.millis();
        double[] l = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        try (Connection c = connections.get()) {
            Accuracy a = accuracy(c, windowStart, now);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ldm4ts_inference_metrics (model_version, symbol, "
                    + "timeframe, metric_time, inference_count, avg_inference_ms, p95_inference_ms, p99_inference_ms, "
                    + "max_inference_ms, avg_uncertainty_pct, avg_signal_strength, completed_predictions, rolling_mae, "
                    + "rolling_mse, rolling_directional_acc, rolling_interval_coverage, error_count, last_error, "
                    + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, modelVersion);
                ps.setString(2, symbol);
                ps.setString(3, timeframe);
                ps.setLong(4, now);
                ps.setLong(5, l.length);
                setOrNull(ps, 6, l.length == 0 ? Double.NaN : Arrays.stream(l).average().orElse(Double.NaN));
                setOrNull(ps, 7, l.length == 0 ? Double.NaN : SampleStatistics.quantileSorted(l, 0.95));
                setOrNull(ps, 8, l.length == 0 ? Double.NaN : SampleStatistics.quantileSorted(l, 0.99));
                setOrNull(ps, 9, l.length == 0 ? Double.NaN : l[l.length - 1]);
                setOrNull(ps, 10, horizons == 0 ? Double.NaN : uncertaintySum / horizons);
                setOrNull(ps, 11, horizons == 0 ? Double.NaN : strengthSum / horizons);
                ps.setLong(12, a.n);
                setOrNull(ps, 13, a.mae);
                setOrNull(ps, 14, a.mse);
                setOrNull(ps, 15, a.directional);
                setOrNull(ps, 16, a.coverage);
                ps.setLong(17, errors);
                ps.setString(18, lastError);
                ps.setLong(19, now);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new FxdException("cannot write inference metrics of " + modelVersion + ": " + e.getMessage(), e);
        }
        latencies.clear();
        uncertaintySum = 0;
        strengthSum = 0;
        horizons = 0;
        errors = 0;
        lastError = null;
        windowStart = now;
    }

    private record Accuracy(long n, double mae, double mse, double directional, double coverage) {
    }

    /** Accuracy of this model's predictions on this series whose target time falls in [from, to). */
    private Accuracy accuracy(Connection c, long from, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), AVG(mae), AVG(mse), "
                + "AVG(CASE WHEN direction_correct IS NULL THEN NULL WHEN direction_correct THEN 1.0 ELSE 0.0 END), "
                + "AVG(CASE WHEN interval_hit THEN 1.0 ELSE 0.0 END) FROM ldm4ts_predictions WHERE model_version = ? "
                + "AND symbol = ? AND timeframe = ? AND actual_price IS NOT NULL AND target_time >= ? AND target_time < ?")) {
            ps.setString(1, modelVersion);
            ps.setString(2, symbol);
            ps.setString(3, timeframe);
            ps.setLong(4, from);
            ps.setLong(5, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                return new Accuracy(n, n == 0 ? Double.NaN : rs.getDouble(2), n == 0 ? Double.NaN : rs.getDouble(3),
                        rs.getObject(4) == null ? Double.NaN : rs.getDouble(4), n == 0 ? Double.NaN : rs.getDouble(5));
            }
        }
    }

    private static void setOrNull(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }
}
