package com.forexdiffusion.forecast.log;

import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.forecast.Forecast;
import com.forexdiffusion.forecast.HorizonForecast;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Every forecast, one row per horizon, in table ldm4ts_predictions (SPEC §5, DB.md), and the resolver that fills
 * the outcome once the target bar has closed. The SQL is plain enough for both SQLite and PostgreSQL. Times come
 * from the given clock, never from the system directly.
 */
public final class PredictionLog {
    private final Supplier<Connection> connections;
    private final InstantSource clock;

    public PredictionLog(Supplier<Connection> connections, InstantSource clock) {
        this.connections = connections;
        this.clock = clock;
    }

    /**
     * Writes all horizons of a forecast in one transaction; returns the prediction ids. A prediction already logged
     * (same series, time, horizon and model version: a session re-running a bar after a crash, or two sessions
     * sharing a model) is kept as first written.
     */
    public List<String> record(Forecast f, int samples) {
        List<String> ids = new ArrayList<>();
        long now = clock.millis();
        String version = versionHash(f.modelVersion());
        try (Connection c = connections.get()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ldm4ts_predictions (prediction_id, symbol, "
                    + "timeframe, forecast_time, horizon_minutes, target_time, current_price, mean_pred, median_pred, "
                    + "std_pred, q05_pred, q95_pred, direction, signal_strength, uncertainty_pct, model_version, "
                    + "inference_time_ms, num_samples, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    + "?, ?, ?, ?) ON CONFLICT (prediction_id) DO NOTHING")) {
                for (HorizonForecast h : f.horizons()) {
                    String id = f.symbol() + ":" + f.timeframe() + ":" + f.time() + ":" + h.horizon().minutes() + ":"
                            + version;
                    int sign = h.directionSign(f.lastClose());
                    ps.setString(1, id);
                    ps.setString(2, f.symbol());
                    ps.setString(3, f.timeframe().name());
                    ps.setLong(4, f.time());
                    ps.setInt(5, h.horizon().minutes());
                    ps.setLong(6, h.targetTime());
                    ps.setDouble(7, f.lastClose());
                    ps.setDouble(8, h.mean());
                    ps.setDouble(9, h.q50());
                    ps.setDouble(10, h.std());
                    ps.setDouble(11, h.q05());
                    ps.setDouble(12, h.q95());
                    ps.setString(13, sign > 0 ? "bull" : sign < 0 ? "bear" : "neutral");
                    ps.setDouble(14, h.strength(f.lastClose()));
                    ps.setDouble(15, h.uncertaintyPct(f.lastClose()));
                    ps.setString(16, f.modelVersion());
                    ps.setDouble(17, f.inferenceMillis());
                    ps.setInt(18, samples);
                    ps.setLong(19, now);
                    ps.addBatch();
                    ids.add(id);
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new FxdException("cannot record forecast of " + f.symbol() + " at " + f.instant() + ": "
                    + e.getMessage(), e);
        }
        return ids;
    }

    /**
     * A 12-hex hash of the model version, which ends each prediction id (series, time, horizon, version) and keeps
     * it within the column's 64 characters whatever the version string.
     */
    static String versionHash(String modelVersion) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(modelVersion.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fills the outcome of every open prediction whose target bar has closed by now (target_time + one bar <= now)
     * and is stored. Rows whose target bar is missing stay open. Safe to run at any time, after any restart.
     *
     * @return the number of predictions resolved
     */
    public int resolve(PriceSource prices) {
        long now = clock.millis();
        record Open(String id, String symbol, Timeframe tf, long target, double current, double mean, double q05,
                    double q95) {
        }
        List<Open> open = new ArrayList<>();
        try (Connection c = connections.get()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT prediction_id, symbol, timeframe, target_time, "
                    + "current_price, mean_pred, q05_pred, q95_pred FROM ldm4ts_predictions WHERE actual_price IS NULL "
                    + "AND target_time <= ?")) {
                ps.setLong(1, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timeframe tf = Timeframe.parse(rs.getString(3));
                        long target = rs.getLong(4);
                        // The close is known only when the target bar has ended.
                        if (tf.next(target) <= now) {
                            open.add(new Open(rs.getString(1), rs.getString(2), tf, target, rs.getDouble(5),
                                    rs.getDouble(6), rs.getDouble(7), rs.getDouble(8)));
                        }
                    }
                }
            }
            c.setAutoCommit(false);
            int resolved = 0;
            try (PreparedStatement up = c.prepareStatement("UPDATE ldm4ts_predictions SET actual_price = ?, mae = ?, "
                    + "mse = ?, mape = ?, interval_hit = ?, direction_correct = ? WHERE prediction_id = ? "
                    + "AND actual_price IS NULL")) {
                for (Open o : open) {
                    OptionalDouble actual = prices.closeAt(o.symbol(), o.tf(), o.target());
                    if (actual.isEmpty()) {
                        continue;
                    }
                    double a = actual.getAsDouble();
                    double err = a - o.mean();
                    up.setDouble(1, a);
                    up.setDouble(2, Math.abs(err));
                    up.setDouble(3, err * err);
                    up.setDouble(4, 100 * Math.abs(err) / a);
                    up.setBoolean(5, a >= o.q05() && a <= o.q95());
                    int predicted = (int) Math.signum(o.mean() - o.current());
                    int realised = (int) Math.signum(a - o.current());
                    if (predicted == 0 || realised == 0) {
                        up.setNull(6, Types.BOOLEAN);
                    } else {
                        up.setBoolean(6, predicted == realised);
                    }
                    up.setString(7, o.id());
                    up.addBatch();
                    resolved++;
                }
                up.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return resolved;
        } catch (SQLException e) {
            throw new FxdException("cannot resolve predictions: " + e.getMessage(), e);
        }
    }
}
