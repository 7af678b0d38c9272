package com.forexdiffusion.trading.engine;

import com.forexdiffusion.core.Clock;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The backtest_runs table: a row per backtest, 'running' from its start with its progress, then 'done' with its
 * metrics and report or 'failed' with the error. {@link #run} guarantees that a run never stays 'running' after its
 * work has thrown.
 */
public final class BacktestRuns {
    private final Database db;
    private final Clock clock;

    public BacktestRuns(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** What the row records about a run. */
    public record Run(String id, String symbol, Timeframe timeframe, String forecaster, long dataFrom, long dataTo,
                      long seed, String codeVersion, String configJson) {
    }

    /** The outcome the work of a run reports: its metrics (JSON) and where its report is. */
    public record Outcome(String metricsJson, String reportPath) {
    }

    /** The work of a run, given the way to report its progress (0..1). */
    @FunctionalInterface
    public interface Work {
        Outcome run(java.util.function.DoubleConsumer progress) throws Exception;
    }

    /**
     * Records the run as running, does the work and records how it ended: done, or failed with the error's message
     * (then the error is rethrown).
     */
    public Outcome run(Run r, Work work) throws Exception {
        start(r);
        Outcome o;
        try {
            o = work.run(f -> progress(r.id(), f));
        } catch (Exception | Error e) {
            finish(r.id(), "failed", null, null, e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
        finish(r.id(), "done", o.metricsJson(), o.reportPath(), null);
        return o;
    }

    private void start(Run r) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO backtest_runs (run_id, "
                + "symbol, timeframe, forecaster, data_from, data_to, seed, code_version, config_json, status, started_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)")) {
            ps.setString(1, r.id());
            ps.setString(2, r.symbol());
            ps.setString(3, r.timeframe().name());
            ps.setString(4, r.forecaster());
            ps.setLong(5, r.dataFrom());
            ps.setLong(6, r.dataTo());
            ps.setLong(7, r.seed());
            ps.setString(8, r.codeVersion());
            ps.setString(9, r.configJson());
            ps.setLong(10, clock.millis());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw db.failure("cannot record backtest run in", e);
        }
    }

    private void progress(String id, double fraction) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("UPDATE backtest_runs SET progress = ? WHERE run_id = ?")) {
            ps.setDouble(1, fraction);
            ps.setString(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw db.failure("cannot update backtest run in", e);
        }
    }

    private void finish(String id, String status, String metrics, String report, String error) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("UPDATE backtest_runs SET status = ?, "
                + "progress = 1, metrics_json = ?, report_path = ?, error = ?, finished_at = ? WHERE run_id = ?")) {
            ps.setString(1, status);
            ps.setString(2, metrics);
            ps.setString(3, report);
            ps.setString(4, error == null ? null : error.substring(0, Math.min(error.length(), 1990)));
            ps.setLong(5, clock.millis());
            ps.setString(6, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw db.failure("cannot update backtest run in", e);
        }
    }
}
