package com.forexdiffusion.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.forexdiffusion.data.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Read-only queries whose rows go to the page as they are: each row becomes a JSON object keyed by column label;
 * columns ending in _at, _time or _ts (epoch ms, the schema's convention) also get an ISO-8601 twin.
 */
public final class Sql {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;

    public Sql(Database db) {
        this.db = db;
    }

    public ArrayNode rows(String sql, Object... args) {
        ArrayNode out = JSON.createArrayNode();
        try (Connection c = db.readConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    out.add(row(rs, md));
                }
            }
        } catch (SQLException e) {
            throw db.failure("cannot query", e);
        }
        return out;
    }

    public ObjectNode one(String sql, Object... args) {
        ArrayNode r = rows(sql, args);
        return r.isEmpty() ? null : (ObjectNode) r.get(0);
    }

    private static ObjectNode row(ResultSet rs, ResultSetMetaData md) throws SQLException {
        ObjectNode o = JSON.createObjectNode();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String name = md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
            Object v = rs.getObject(i);
            if (v == null) {
                o.putNull(name);
            } else if (isBoolean(md, i)) {
                // SQLite keeps booleans as 0/1 integers; both engines must give the page the same JSON.
                o.put(name, rs.getBoolean(i));
            } else if (v instanceof Number n && isInteger(md.getColumnType(i), n)) {
                o.put(name, n.longValue());
                if (name.endsWith("_at") || name.endsWith("_time") || name.endsWith("_ts") || name.equals("ts")) {
                    o.put(name + "_iso", Instant.ofEpochMilli(n.longValue()).toString());
                }
            } else if (v instanceof Number n) {
                o.put(name, n.doubleValue());
            } else if (v instanceof Boolean b) {
                o.put(name, b);
            } else {
                o.put(name, v.toString());
            }
        }
        return o;
    }

    private static boolean isBoolean(ResultSetMetaData md, int i) throws SQLException {
        int t = md.getColumnType(i);
        String n = md.getColumnTypeName(i);
        return t == Types.BOOLEAN || t == Types.BIT || "BOOLEAN".equalsIgnoreCase(n) || "bool".equalsIgnoreCase(n);
    }

    private static boolean isInteger(int type, Number n) {
        return switch (type) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> true;
            // SQLite reports declared types loosely; a whole Long or Integer value is an integer.
            default -> n instanceof Long || n instanceof Integer;
        };
    }
}
