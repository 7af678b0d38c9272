package com.forexdiffusion.web.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.forexdiffusion.web.http.ApiException;
import com.forexdiffusion.web.http.Params;
import com.forexdiffusion.web.http.Routes;
import com.forexdiffusion.web.http.Sql;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.Map;

/**
 * Paper accounts as the paper broker stores them: GET /api/accounts and GET /api/accounts/{id} (session with its
 * skill gate, open
 * positions, orders with their states, closed trades, the balance curve from the ledger with its drawdown, and the
 * equity marked at the series' last stored close).
 */
public final class AccountRoutes implements Routes {
    private final Sql sql;
    private final AccountMarks marks;

    public AccountRoutes(Sql sql, AccountMarks marks) {
        this.sql = sql;
        this.marks = marks;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/accounts", ctx -> ctx.json(Map.of("accounts", sql.rows("SELECT a.account_id, a.currency, "
                + "a.balance, a.updated_at, s.symbol, s.timeframe, s.forecaster, s.last_bar_ts, s.updated_at AS "
                + "session_updated_at FROM trading_accounts a LEFT JOIN paper_sessions s ON s.account_id = a.account_id "
                + "ORDER BY a.account_id"))));
        app.get("/api/accounts/{id}", this::account);
    }

    private void account(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw ApiException.badField("id", "expected an account id of letters, digits, '.', '_', ':' or '-'");
        }
        int limit = new Params(ctx).integer("limit", 500, 1, 100_000);
        ObjectNode account = sql.one("SELECT account_id, currency, balance, leverage, created_at, updated_at "
                + "FROM trading_accounts WHERE account_id = ?", id);
        if (account == null) {
            throw ApiException.notFound("no account '" + id + "' (GET /api/accounts lists them)");
        }
        ObjectNode body = account.objectNode();
        body.set("account", account);
        ObjectNode session = sql.one("SELECT symbol, timeframe, forecaster, config_json, first_bar_ts, last_bar_ts, "
                + "started_at, updated_at, state_json FROM paper_sessions WHERE account_id = ?", id);
        if (session != null) {
            session.set("skill_gate", SkillGateView.of(session.path("symbol").asText(),
                    session.path("state_json").isNull() ? null : session.path("state_json").asText()));
            // The engine's memory is the session's business; the dashboard shows only what it needs of it.
            session.remove("state_json");
        }
        body.set("session", session);
        ArrayNode open = sql.rows("SELECT position_id, symbol, side, lots, entry_price, stop_price, target_price, "
                + "opened_at, swap, commission FROM trading_positions WHERE account_id = ? AND status = 'open' "
                + "ORDER BY opened_at", id);
        body.set("positions", open);
        body.set("orders", sql.rows("SELECT order_id, symbol, side, kind, lots, price, position_id, status, reason, "
                + "created_at, updated_at FROM trading_orders WHERE account_id = ? ORDER BY created_at DESC, order_id "
                + "LIMIT ?", id, limit));
        body.set("trades", sql.rows("SELECT position_id, symbol, side, lots, entry_price, opened_at, close_price, "
                + "closed_at, close_reason, realized_pnl, swap, commission FROM trading_positions WHERE account_id = ? "
                + "AND status = 'closed' ORDER BY closed_at DESC LIMIT ?", id, limit));
        ArrayNode ledger = sql.rows("SELECT ts, balance_after FROM trading_ledger WHERE account_id = ? ORDER BY ts, id",
                id);
        body.set("balance_curve", withDrawdown(ledger));
        body.put("equity", marks.equity(account.get("balance").asDouble(), open));
        ctx.json(body);
    }

    /** Each ledger point with the drawdown from the running peak, in percent. */
    static ArrayNode withDrawdown(ArrayNode ledger) {
        double peak = Double.NEGATIVE_INFINITY;
        for (JsonNode n : ledger) {
            ObjectNode o = (ObjectNode) n;
            double b = o.get("balance_after").asDouble();
            peak = Math.max(peak, b);
            o.put("drawdown_pct", peak > 0 ? 100 * (peak - b) / peak : 0);
        }
        return ledger;
    }
}
