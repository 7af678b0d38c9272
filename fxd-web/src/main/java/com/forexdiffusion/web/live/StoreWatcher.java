package com.forexdiffusion.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.forexdiffusion.web.account.AccountMarks;
import com.forexdiffusion.web.http.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns what running sessions and runs write to the database into live messages. A paper session (in this process
 * or another: {@code fxd paper --follow}) saves itself after every bar; when its row changes, the page gets the
 * bar, the forecast logged at it and the account's equity. Runs in progress get their progress. The database is
 * the one channel every writer already uses, so no writer needs to know about the dashboard.
 */
public final class StoreWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWatcher.class);
    private final Sql sql;
    private final LiveHub hub;
    private final AccountMarks marks;
    private final long periodMs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fxd-web-watch");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Long> sessionSeen = new HashMap<>();
    private final Map<String, String> runSeen = new HashMap<>();

    public StoreWatcher(Sql sql, LiveHub hub, AccountMarks marks, long periodMs) {
        this.sql = sql;
        this.hub = hub;
        this.marks = marks;
        this.periodMs = periodMs;
    }

    public void start() {
        // What is already there when the server starts is history, not news.
        poll(false);
        timer.scheduleWithFixedDelay(() -> {
            try {
                poll(true);
            } catch (RuntimeException e) {
                LOG.warn("live update failed: {}", e.getMessage());
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    void poll(boolean push) {
        for (JsonNode s : sql.rows("SELECT account_id, symbol, timeframe, last_bar_ts, updated_at FROM paper_sessions")) {
            String id = s.get("account_id").asText();
            long updated = s.get("updated_at").asLong();
            Long before = sessionSeen.put(id, updated);
            if (push && (before == null || updated > before) && s.hasNonNull("last_bar_ts")) {
                session(id, s.get("symbol").asText(), s.get("timeframe").asText(), s.get("last_bar_ts").asLong());
            }
        }
        for (JsonNode r : sql.rows("SELECT 'backtest' AS kind, run_id, status, progress FROM backtest_runs UNION ALL "
                + "SELECT 'training' AS kind, run_id, status, progress FROM ldm4ts_training_runs")) {
            String key = r.get("status").asText() + "/" + r.get("progress").asDouble();
            String before = runSeen.put(r.get("run_id").asText(), key);
            if (push && !key.equals(before)) {
                ObjectNode m = hub.message("run");
                m.setAll((ObjectNode) r);
                hub.broadcast(m);
            }
        }
    }

    private void session(String account, String symbol, String timeframe, long barTs) {
        ObjectNode bar = sql.one("SELECT ts, open, high, low, close, volume FROM candles WHERE symbol = ? AND "
                + "timeframe = ? AND ts = ?", symbol, timeframe, barTs);
        if (bar != null) {
            ObjectNode m = header("bar", account, symbol, timeframe);
            bar.put("time", barTs / 1000);
            m.set("bar", bar);
            hub.broadcast(m);
        }
        ArrayNode preds = sql.rows("SELECT horizon_minutes, target_time, current_price, mean_pred, median_pred, "
                + "std_pred, q05_pred, q95_pred, uncertainty_pct, model_version FROM ldm4ts_predictions WHERE symbol = ? "
                + "AND timeframe = ? AND forecast_time = ? ORDER BY horizon_minutes", symbol, timeframe, barTs);
        if (!preds.isEmpty()) {
            ObjectNode m = header("forecast", account, symbol, timeframe);
            m.put("time", java.time.Instant.ofEpochMilli(barTs).toString());
            m.put("model_version", preds.get(0).get("model_version").asText());
            m.put("last_close", preds.get(0).get("current_price").asDouble());
            ObjectNode p = m.putObject("predictions");
            for (JsonNode r : preds) {
                ObjectNode h = p.putObject(r.get("horizon_minutes").asText());
                h.put("mean", r.get("mean_pred").asDouble());
                h.put("std", r.get("std_pred").asDouble());
                h.put("q05", r.get("q05_pred").asDouble());
                h.put("q50", r.get("median_pred").asDouble());
                h.put("q95", r.get("q95_pred").asDouble());
                h.put("uncertainty_pct", r.get("uncertainty_pct").asDouble());
                h.put("target_time", r.get("target_time_iso").asText());
            }
            hub.broadcast(m);
        }
        ObjectNode acct = sql.one("SELECT balance FROM trading_accounts WHERE account_id = ?", account);
        if (acct != null) {
            ArrayNode open = sql.rows("SELECT symbol, side, lots, entry_price FROM trading_positions WHERE "
                    + "account_id = ? AND status = 'open'", account);
            ObjectNode m = header("equity", account, symbol, timeframe);
            m.put("time", barTs / 1000);
            m.put("balance", acct.get("balance").asDouble());
            m.put("equity", marks.equity(acct.get("balance").asDouble(), open));
            m.put("open_positions", open.size());
            hub.broadcast(m);
        }
    }

    private ObjectNode header(String type, String account, String symbol, String timeframe) {
        ObjectNode m = hub.message(type);
        m.put("account", account);
        m.put("symbol", symbol);
        m.put("timeframe", timeframe);
        return m;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
