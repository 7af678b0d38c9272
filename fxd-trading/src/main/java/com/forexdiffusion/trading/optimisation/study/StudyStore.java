package com.forexdiffusion.trading.optimisation.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.data.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Studies and their trials in the database (tables optimisation_studies and optimisation_trials). Every write is
 * one committed statement, so what a killed process leaves behind is a consistent prefix of the study.
 */
public final class StudyStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private final Database db;
    private final String codeVersion;

    public StudyStore(Database db, String codeVersion) {
        this.db = db;
        this.codeVersion = codeVersion;
    }

    /**
     * Creates the study, or checks that the stored one has the same definition (a resume).
     *
     * @return true when the study already existed
     */
    public synchronized boolean openOrCreate(StudyDefinition d) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT sampler, seed, "
                + "batch_size, space_json, config_json FROM optimisation_studies WHERE study_name = ?")) {
            ps.setString(1, d.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    differs(d, "sampler", d.sampler(), rs.getString(1));
                    differs(d, "seed", String.valueOf(d.seed()), String.valueOf(rs.getLong(2)));
                    differs(d, "workers", String.valueOf(d.batchSize()), String.valueOf(rs.getInt(3)));
                    differs(d, "space", d.spaceJson(), rs.getString(4));
                    differs(d, "config", d.configJson(), rs.getString(5));
                    return true;
                }
            }
            long now = System.currentTimeMillis();
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO optimisation_studies (study_name, sampler, "
                    + "seed, batch_size, space_json, config_json, code_version, status, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)")) {
                ins.setString(1, d.name());
                ins.setString(2, d.sampler());
                ins.setLong(3, d.seed());
                ins.setInt(4, d.batchSize());
                ins.setString(5, d.spaceJson());
                ins.setString(6, d.configJson());
                ins.setString(7, codeVersion);
                ins.setLong(8, now);
                ins.setLong(9, now);
                ins.executeUpdate();
            }
            return false;
        } catch (SQLException e) {
            throw db.failure("cannot open study " + d.name() + " in", e);
        }
    }

    private static void differs(StudyDefinition d, String field, String wanted, String stored) {
        if (!wanted.equals(stored)) {
            throw new FxdException("study " + d.name() + " exists with another " + field + " (stored " + abbreviate(stored)
                    + ", asked " + abbreviate(wanted) + "): resume it with the same settings or choose a new --study");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    /** The study's trials in trial order. */
    public synchronized List<TrialRecord> trials(String study) {
        List<TrialRecord> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT trial_number, state, "
                + "params_json, objective, metrics_json, started_at, finished_at, duration_ms FROM optimisation_trials "
                + "WHERE study_name = ? ORDER BY trial_number")) {
            ps.setString(1, study);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double obj = rs.getDouble(4);
                    Double objective = rs.wasNull() ? null : obj;
                    String metrics = rs.getString(5);
                    long fin = rs.getLong(7);
                    Long finished = rs.wasNull() ? null : fin;
                    long dur = rs.getLong(8);
                    Long duration = rs.wasNull() ? null : dur;
                    out.add(new TrialRecord(rs.getInt(1), TrialRecord.TrialState.of(rs.getString(2)),
                            read(rs.getString(3)), objective, metrics == null ? null : read(metrics), rs.getLong(6),
                            finished, duration));
                }
            }
        } catch (SQLException e) {
            throw db.failure("cannot read the trials of study " + study + " from", e);
        }
        return out;
    }

    /** Records a trial as running with its parameters (replacing a row left running by a killed process). */
    public synchronized void start(String study, int number, Map<String, Object> params) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM optimisation_trials WHERE study_name = ? "
                    + "AND trial_number = ? AND state = 'running'");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO optimisation_trials (study_name, "
                         + "trial_number, state, params_json, started_at) VALUES (?, ?, 'running', ?, ?)")) {
                del.setString(1, study);
                del.setInt(2, number);
                del.executeUpdate();
                ins.setString(1, study);
                ins.setInt(2, number);
                ins.setString(3, write(params));
                ins.setLong(4, System.currentTimeMillis());
                ins.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw db.failure("cannot record trial " + number + " of study " + study + " in", e);
        }
    }

    /** Records a trial's result; refuses to overwrite one already done (a trial must never run twice). */
    public synchronized void finish(String study, int number, TrialOutcome outcome, long startedAtMs) {
        long now = System.currentTimeMillis();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("UPDATE optimisation_trials "
                + "SET state = 'done', objective = ?, metrics_json = ?, finished_at = ?, duration_ms = ? "
                + "WHERE study_name = ? AND trial_number = ? AND state = 'running'")) {
            ps.setDouble(1, outcome.objective());
            ps.setString(2, write(outcome.metrics()));
            ps.setLong(3, now);
            ps.setLong(4, now - startedAtMs);
            ps.setString(5, study);
            ps.setInt(6, number);
            if (ps.executeUpdate() != 1) {
                throw new FxdException("trial " + number + " of study " + study + " is not running: another process "
                        + "is running the same study");
            }
        } catch (SQLException e) {
            throw db.failure("cannot record the result of trial " + number + " of study " + study + " in", e);
        }
    }

    public synchronized void close(String study, String status, String resultJson) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("UPDATE optimisation_studies "
                + "SET status = ?, result_json = ?, updated_at = ? WHERE study_name = ?")) {
            ps.setString(1, status);
            ps.setString(2, resultJson);
            ps.setLong(3, System.currentTimeMillis());
            ps.setString(4, study);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw db.failure("cannot update study " + study + " in", e);
        }
    }

    public static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static LinkedHashMap<String, Object> read(String s) {
        try {
            return JSON.readValue(s, MAP);
        } catch (JsonProcessingException e) {
            throw new FxdException("a stored trial is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
