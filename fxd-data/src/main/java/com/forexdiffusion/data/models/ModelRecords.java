package com.forexdiffusion.data.models;

import com.forexdiffusion.data.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Training runs ({@code ldm4ts_training_runs}) and the registry of saved models ({@code ldm4ts_model_metadata}).
 * Each call is one statement (or one transaction), so a crash leaves no half-written row.
 */
public final class ModelRecords {
    private final Database db;

    public ModelRecords(Database db) {
        this.db = db;
    }

    /** A training run as it starts. */
    public record TrainingRun(String runId, String symbol, String timeframe, String profile, long dataFrom, long dataTo,
                              long seed, String codeVersion, String configJson, String checkpointPath) {
    }

    public void startRun(TrainingRun r, long now) {
        update("cannot record training run in", """
                INSERT INTO ldm4ts_training_runs (run_id, symbol, timeframe, profile, data_from, data_to, seed,
                  code_version, config_json, status, checkpoint_path, started_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)""",
                r.runId(), r.symbol(), r.timeframe(), r.profile(), r.dataFrom(), r.dataTo(), r.seed(), r.codeVersion(),
                r.configJson(), r.checkpointPath(), now);
    }

    public void progress(String runId, String stage, double fraction, String epochsJson) {
        update("cannot update training run in",
                "UPDATE ldm4ts_training_runs SET stage = ?, progress = ?, epochs_json = ? WHERE run_id = ?",
                stage, fraction, epochsJson, runId);
    }

    public void finishRun(String runId, String status, String modelVersion, String epochsJson, String error, long now) {
        update("cannot finish training run in", """
                UPDATE ldm4ts_training_runs SET status = ?, progress = CASE WHEN ? = 'done' THEN 1 ELSE progress END,
                  model_version = ?, epochs_json = COALESCE(?, epochs_json), error = ?, finished_at = ?
                WHERE run_id = ?""",
                status, status, modelVersion, epochsJson, error == null ? null : truncate(error, 2000), now, runId);
    }

    /** One saved model. */
    public record Model(String modelVersion, String modelPath, String symbol, String timeframe, String profile,
                        int imageSize, String vaeModel, int diffusionSteps, int monteCarloSamples, long trainingStart,
                        long trainingEnd, int epochs, long trainingSamples, double validationMse,
                        double validationMae) {
    }

    /** Registers a model version, or refreshes its training columns when it is registered already. */
    public void register(Model m, long now) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement(
                    "UPDATE ldm4ts_model_metadata SET model_path = ?, num_epochs = ?, training_samples = ?, "
                            + "validation_mse = ?, validation_mae = ?, updated_at = ? WHERE model_version = ?")) {
                set(del, m.modelPath(), m.epochs(), m.trainingSamples(), m.validationMse(), m.validationMae(), now,
                        m.modelVersion());
                if (del.executeUpdate() == 0) {
                    try (PreparedStatement ins = c.prepareStatement("""
                            INSERT INTO ldm4ts_model_metadata (model_version, model_path, symbol, timeframe, profile,
                              image_size, vae_model, diffusion_steps, num_mc_samples, training_start, training_end,
                              num_epochs, training_samples, validation_mse, validation_mae, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                        set(ins, m.modelVersion(), m.modelPath(), m.symbol(), m.timeframe(), m.profile(), m.imageSize(),
                                m.vaeModel(), m.diffusionSteps(), m.monteCarloSamples(), m.trainingStart(),
                                m.trainingEnd(), m.epochs(), m.trainingSamples(), m.validationMse(), m.validationMae(),
                                now, now);
                        ins.executeUpdate();
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw db.failure("cannot register model in", e);
        }
    }

    /**
     * Recomputes a model's production columns from its logged predictions: count, mean latency, and over the
     * resolved rows mean absolute and squared error, directional accuracy and 90% interval coverage.
     */
    public void refreshProduction(String modelVersion, long now) {
        String from = " FROM ldm4ts_predictions p WHERE p.model_version = ?";
        update("cannot update model metadata in", "UPDATE ldm4ts_model_metadata SET "
                        + "total_predictions = (SELECT COUNT(*)" + from + "), "
                        + "avg_inference_ms = (SELECT AVG(inference_time_ms)" + from + "), "
                        + "avg_mae = (SELECT AVG(mae)" + from + " AND p.actual_price IS NOT NULL), "
                        + "avg_mse = (SELECT AVG(mse)" + from + " AND p.actual_price IS NOT NULL), "
                        + "directional_accuracy = (SELECT AVG(CASE WHEN direction_correct THEN 1.0 ELSE 0.0 END)" + from
                        + " AND p.direction_correct IS NOT NULL), "
                        + "interval_coverage = (SELECT AVG(CASE WHEN interval_hit THEN 1.0 ELSE 0.0 END)" + from
                        + " AND p.interval_hit IS NOT NULL), "
                        + "updated_at = ? WHERE model_version = ?",
                modelVersion, modelVersion, modelVersion, modelVersion, modelVersion, modelVersion, now, modelVersion);
    }

    private void update(String what, String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            set(ps, args);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw db.failure(what, e);
        }
    }

    private static void set(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else if (a instanceof Double d) {
                if (d.isNaN()) {
                    ps.setNull(i + 1, Types.DOUBLE);
                } else {
                    ps.setDouble(i + 1, d);
                }
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }
}
