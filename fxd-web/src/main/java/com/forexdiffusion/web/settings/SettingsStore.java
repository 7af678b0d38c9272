package com.forexdiffusion.web.settings;

import com.forexdiffusion.data.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The settings as versioned rows of trading_engine_configs named {@value #NAME} (migration V7 added the checkpoint
 * column): a save adds the next version and makes it the only active one, in one transaction, so the history stays
 * and a reader never sees two active rows. Without any row the SPEC defaults apply.
 */
public final class SettingsStore {
    public static final String NAME = "ldm4ts-settings";
    private final Database db;

    public SettingsStore(Database db) {
        this.db = db;
    }

    public Ldm4tsSettings load() {
        // A read: on SQLite it must not queue behind (or hold) the single write connection.
        try (Connection c = db.readConnection(); PreparedStatement ps = c.prepareStatement("SELECT use_ldm4ts, "
                + "ldm4ts_checkpoint, ldm4ts_horizons, ldm4ts_num_samples, ldm4ts_window_size, "
                + "ldm4ts_uncertainty_threshold, ldm4ts_min_strength, ldm4ts_position_scaling, horizon_weights, "
                + "min_quality_score, directional_confidence FROM trading_engine_configs WHERE name = ? "
                + "AND is_active = ? ORDER BY version DESC LIMIT 1")) {
            ps.setString(1, NAME);
            ps.setBoolean(2, true);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Ldm4tsSettings.defaults();
                }
                return new Ldm4tsSettings(rs.getBoolean(1), rs.getString(2), parseHorizons(rs.getString(3)),
                        rs.getInt(4), rs.getInt(5), rs.getDouble(6), rs.getDouble(7), rs.getBoolean(8),
                        parseWeights(rs.getString(9)), rs.getDouble(10), rs.getDouble(11));
            }
        } catch (SQLException e) {
            throw db.failure("cannot read the LDM4TS settings from", e);
        }
    }

    /** Saves a new active version; returns its number. */
    public synchronized int save(Ldm4tsSettings s, long now) {
        return db.transaction(c -> {
            int version = nextVersion(c);
            try (PreparedStatement off = c.prepareStatement(
                    "UPDATE trading_engine_configs SET is_active = ?, updated_at = ? WHERE name = ? AND is_active = ?")) {
                off.setBoolean(1, false);
                off.setLong(2, now);
                off.setString(3, NAME);
                off.setBoolean(4, true);
                off.executeUpdate();
            }
            insert(c, s, version, now);
            return version;
        });
    }

    private static int nextVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(version), 0) FROM trading_engine_configs WHERE name = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) + 1;
            }
        }
    }

    private static void insert(Connection c, Ldm4tsSettings s, int version, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trading_engine_configs (name, version, use_ldm4ts, "
                + "ldm4ts_checkpoint, ldm4ts_horizons, ldm4ts_num_samples, ldm4ts_window_size, "
                + "ldm4ts_uncertainty_threshold, ldm4ts_min_strength, ldm4ts_position_scaling, horizon_weights, "
                + "min_quality_score, directional_confidence, is_active, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, NAME);
            ps.setInt(2, version);
            ps.setBoolean(3, s.enabled());
            ps.setString(4, s.checkpoint());
            ps.setString(5, s.horizons().stream().map(String::valueOf).collect(Collectors.joining(",")));
            ps.setInt(6, s.mcSamples());
            ps.setInt(7, s.window());
            ps.setDouble(8, s.uncertaintyThreshold());
            ps.setDouble(9, s.minStrength());
            ps.setBoolean(10, s.positionScaling());
            ps.setString(11, s.horizonWeights().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                    .collect(Collectors.joining(",")));
            ps.setDouble(12, s.minQuality());
            ps.setDouble(13, s.directionalConfidence());
            ps.setBoolean(14, true);
            ps.setLong(15, now);
            ps.setLong(16, now);
            ps.executeUpdate();
        }
    }

    private static List<Integer> parseHorizons(String s) {
        return new ArrayList<>(Arrays.stream(s.split(",")).map(String::trim).map(Integer::parseInt).toList());
    }

    private static Map<Integer, Double> parseWeights(String s) {
        Map<Integer, Double> w = new LinkedHashMap<>();
        for (String part : s.split(",")) {
            String[] kv = part.trim().split(":");
            w.put(Integer.parseInt(kv[0]), Double.parseDouble(kv[1]));
        }
        return w;
    }
}
