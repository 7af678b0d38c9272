package com.forexdiffusion.data.models;

import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Training runs and the model registry on both real engines. */
class ModelRecordsTest {
    private static final String PG = "jdbc:postgresql://" + System.getProperty("fxd.pg.host", "127.0.0.1:5432");

    @TempDir
    Path dir;

    private Database open(String engine, String name) throws SQLException {
        if (engine.equals("sqlite")) {
            return Database.open("sqlite:" + dir.resolve("m.db"));
        }
        try (Connection c = DriverManager.getConnection(PG + "/postgres?user=postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
        return Database.open(PG + "/" + name + "?user=postgres");
    }

    private static void drop(String engine, String name) throws SQLException {
        if (engine.equals("postgresql")) {
            try (Connection c = DriverManager.getConnection(PG + "/postgres?user=postgres");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    private static void prediction(Database db, String id, double ms, Double mae, Double mse, Boolean dir, Boolean hit)
            throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO ldm4ts_predictions (prediction_id, symbol, timeframe, forecast_time, horizon_minutes,
                  target_time, current_price, mean_pred, median_pred, std_pred, q05_pred, q95_pred, direction,
                  signal_strength, uncertainty_pct, actual_price, mae, mse, interval_hit, direction_correct,
                  model_version, inference_time_ms, num_samples, created_at)
                VALUES (?, 'EURUSD', 'M5', 0, 15, 900000, 1.1, 1.1, 1.1, 0.001, 1.09, 1.11, 'bull', 0.5, 0.1, ?, ?, ?,
                  ?, ?, 'v1', ?, 50, 0)""")) {
            ps.setString(1, id);
            ps.setObject(2, mae == null ? null : 1.1 + mae);
            ps.setObject(3, mae);
            ps.setObject(4, mse);
            ps.setObject(5, hit);
            ps.setObject(6, dir);
            ps.setDouble(7, ms);
            ps.executeUpdate();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void productionColumnsFollowTheLoggedPredictions(String engine) throws SQLException {
        String name = "fxd_models_" + Long.toHexString(System.nanoTime());
        try (Database db = open(engine, name)) {
            ModelRecords r = new ModelRecords(db);
            r.startRun(new ModelRecords.TrainingRun("run1", "EURUSD", "M5", "compact", 0, 10, 42, "abc", "{}", "/m"), 5);
            r.progress("run1", "denoiser", 0.5, "[]");
            r.register(new ModelRecords.Model("v1", "/m", "EURUSD", "M5", "compact", 64, "trained", 10, 50, 0, 10, 1, 100,
                    2e-6, 1e-3), 6);
            r.register(new ModelRecords.Model("v1", "/m2", "EURUSD", "M5", "compact", 64, "trained", 10, 50, 0, 10, 3, 100,
                    1e-6, 8e-4), 7);
            r.finishRun("run1", "done", "v1", "[1]", null, 8);
            prediction(db, "a", 10, 0.001, 1e-6, true, true);
            prediction(db, "b", 20, 0.003, 9e-6, false, true);
            prediction(db, "c", 30, null, null, null, null);
            r.refreshProduction("v1", 9);
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT total_predictions, avg_inference_ms, avg_mae, avg_mse, "
                         + "directional_accuracy, interval_coverage, num_epochs, model_path, updated_at "
                         + "FROM ldm4ts_model_metadata WHERE model_version = 'v1'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(3);
                assertThat(rs.getDouble(2)).isCloseTo(20, within(1e-9));
                assertThat(rs.getDouble(3)).isCloseTo(0.002, within(1e-12));
                assertThat(rs.getDouble(4)).isCloseTo(5e-6, within(1e-15));
                assertThat(rs.getDouble(5)).isCloseTo(0.5, within(1e-12));
                assertThat(rs.getDouble(6)).isCloseTo(1.0, within(1e-12));
                assertThat(rs.getInt(7)).isEqualTo(3);
                assertThat(rs.getString(8)).isEqualTo("/m2");
                assertThat(rs.getLong(9)).isEqualTo(9);
            }
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT status, progress, model_version, epochs_json, finished_at "
                         + "FROM ldm4ts_training_runs WHERE run_id = 'run1'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("done");
                assertThat(rs.getDouble(2)).isEqualTo(1.0);
                assertThat(rs.getString(3)).isEqualTo("v1");
                assertThat(rs.getString(4)).isEqualTo("[1]");
                assertThat(rs.getLong(5)).isEqualTo(8);
            }
        } finally {
            drop(engine, name);
        }
    }
}
