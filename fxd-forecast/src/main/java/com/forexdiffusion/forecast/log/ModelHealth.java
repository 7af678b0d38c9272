package com.forexdiffusion.forecast.log;

import com.forexdiffusion.core.FxdException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Reads the rolling health rows of a model, newest first. Missing figures are NaN. */
public final class ModelHealth {
    private final Supplier<Connection> connections;

    public ModelHealth(Supplier<Connection> connections) {
        this.connections = connections;
    }

    public record Row(String symbol, String timeframe, long metricTime, long inferenceCount, double avgMs, double p95Ms,
                      double p99Ms, double maxMs, long completedPredictions, double rollingMae, double rollingMse,
                      double rollingDirectionalAccuracy, double rollingCoverage, long errorCount, String lastError) {
    }

    public List<Row> recent(String modelVersion, int limit) {
        List<Row> out = new ArrayList<>();
        try (Connection c = connections.get(); PreparedStatement ps = c.prepareStatement("SELECT symbol, timeframe, "
                + "metric_time, inference_count, avg_inference_ms, p95_inference_ms, p99_inference_ms, "
                + "max_inference_ms, completed_predictions, rolling_mae, rolling_mse, rolling_directional_acc, "
                + "rolling_interval_coverage, error_count, last_error FROM ldm4ts_inference_metrics "
                + "WHERE model_version = ? ORDER BY metric_time DESC, id DESC LIMIT ?")) {
            ps.setString(1, modelVersion);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), d(rs, 5), d(rs, 6),
                            d(rs, 7), d(rs, 8), rs.getLong(9), d(rs, 10), d(rs, 11), d(rs, 12), d(rs, 13), rs.getLong(14),
                            rs.getString(15)));
                }
            }
        } catch (SQLException e) {
            throw new FxdException("cannot read health of " + modelVersion + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static double d(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? Double.NaN : v;
    }
}
