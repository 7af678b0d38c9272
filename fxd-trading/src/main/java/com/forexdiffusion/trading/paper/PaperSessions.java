package com.forexdiffusion.trading.paper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.trading.engine.ForecastEngine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Paper-trading sessions in the database (table paper_sessions): the series and forecaster an account trades, the
 * bar it starts at, and after every processed bar that bar's time and the engine's state. With the paper broker's
 * own persisted state this lets a killed session continue exactly where it stopped.
 */
public final class PaperSessions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;

    public PaperSessions(Database db) {
        this.db = db;
    }

    /**
     * @param symbol    the symbol traded, or several joined by commas (one engine each on the one account)
     * @param lastBarTs the label of the last bar processed, or null before the first
     * @param state     the engine's state after that bar, or null before the first (one symbol)
     * @param states    with several symbols: each engine's state by symbol, or null before the first bar
     */
    public record Session(String accountId, String symbol, Timeframe timeframe, String forecaster, String configJson,
                          long firstBarTs, Long lastBarTs, ForecastEngine.State state,
                          Map<String, ForecastEngine.State> states) {
        public Session(String accountId, String symbol, Timeframe timeframe, String forecaster, String configJson,
                       long firstBarTs, Long lastBarTs, ForecastEngine.State state) {
            this(accountId, symbol, timeframe, forecaster, configJson, firstBarTs, lastBarTs, state, null);
        }

        public List<String> symbols() {
            return List.of(symbol.split(","));
        }
    }

    private static final TypeReference<Map<String, ForecastEngine.State>> STATES = new TypeReference<>() {
    };

    public Optional<Session> find(String accountId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT symbol, timeframe, "
                + "forecaster, config_json, first_bar_ts, last_bar_ts, state_json FROM paper_sessions WHERE account_id = ?")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String state = rs.getString(7);
                String symbol = rs.getString(1);
                boolean several = symbol.contains(",");
                // getObject(.., Long.class) fails on SQL NULL with sqlite-jdbc: a session created but not yet past
                // its first bar could not be read back.
                long lastBar = rs.getLong(6);
                Long last = rs.wasNull() ? null : lastBar;
                return Optional.of(new Session(accountId, symbol, Timeframe.parse(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getLong(5), last,
                        state == null || several ? null : JSON.readValue(state, ForecastEngine.State.class),
                        state == null || !several ? null : JSON.readValue(state, STATES)));
            }
        } catch (SQLException e) {
            throw db.failure("cannot read paper session " + accountId + " from", e);
        } catch (JsonProcessingException e) {
            throw new FxdException("paper_sessions.state_json of " + accountId + " is corrupt: " + e.getOriginalMessage(), e);
        }
    }

    public void create(Session s, long now) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO paper_sessions "
                + "(account_id, symbol, timeframe, forecaster, config_json, first_bar_ts, started_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.accountId());
            ps.setString(2, s.symbol());
            ps.setString(3, s.timeframe().name());
            ps.setString(4, s.forecaster());
            ps.setString(5, s.configJson());
            ps.setLong(6, s.firstBarTs());
            ps.setLong(7, now);
            ps.setLong(8, now);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw db.failure("cannot create paper session " + s.accountId() + " in", e);
        }
    }

    /** Records that the bar labelled {@code barTs} is done and what the engine remembers after it. */
    public void advance(String accountId, long barTs, ForecastEngine.State state, long now) {
        try (Connection c = db.connection()) {
            advance(c, accountId, barTs, state, now);
        } catch (SQLException e) {
            throw db.failure("cannot advance paper session " + accountId + " in", e);
        }
    }

    /** As above, on {@code c}: inside the bar's transaction, so the state commits with the broker's writes. */
    public void advance(Connection c, String accountId, long barTs, ForecastEngine.State state, long now) {
        write(c, accountId, barTs, state, now);
    }

    /** A session of several symbols: each engine's state by symbol, on {@code c} (the bar's transaction). */
    public void advance(Connection c, String accountId, long barTs, Map<String, ForecastEngine.State> states, long now) {
        write(c, accountId, barTs, new java.util.TreeMap<>(states), now);
    }

    private void write(Connection c, String accountId, long barTs, Object state, long now) {
        String json;
        try {
            json = JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("engine state of " + accountId + " cannot be written: " + e.getMessage(), e);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE paper_sessions SET last_bar_ts = ?, state_json = ?, updated_at = ? WHERE account_id = ?")) {
            ps.setLong(1, barTs);
            ps.setString(2, json);
            ps.setLong(3, now);
            ps.setString(4, accountId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw db.failure("cannot advance paper session " + accountId + " in", e);
        }
    }
}
