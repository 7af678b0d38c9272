package com.forexdiffusion.web.http;

import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.Timeframe;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query parameters read and checked one by one; a bad one is a 400 that names it. */
public final class Params {
    private final Context ctx;

    public Params(Context ctx) {
        this.ctx = ctx;
    }

    public String required(String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw ApiException.badField(name, "required");
        }
        return v.trim();
    }

    public String optional(String name, String fallback) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    public String symbol() {
        String s = required("symbol");
        if (!s.matches("[A-Za-z0-9._/-]{2,32}")) {
            throw ApiException.badField("symbol", "expected a symbol such as EURUSD, got '" + abbreviate(s) + "'");
        }
        return Instrument.normalise(s);
    }

    public Timeframe timeframe() {
        String s = required("timeframe");
        try {
            return Timeframe.parse(s);
        } catch (FxdException | IllegalArgumentException e) {
            throw ApiException.badField("timeframe", "expected M1, M5, M15, M30, H1, H4 or D1, got '" + abbreviate(s)
                    + "'");
        }
    }

    /** An ISO-8601 instant, date-time (UTC) or date, or epoch milliseconds. */
    public long time(String name, long fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return parseTime(name, v.trim());
    }

    public static long parseTime(String name, String v) {
        try {
            if (v.matches("-?\\d{1,15}")) {
                return Long.parseLong(v);
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$")) {
                // Seconds are optional here, unlike Instant.parse: 2024-01-02T03:04Z is fine.
                return java.time.OffsetDateTime.parse(v).toInstant().toEpochMilli();
            }
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiException.badField(name, "expected an ISO-8601 time (2024-01-02T03:04Z), a date or epoch ms, got '"
                    + abbreviate(v) + "'");
        }
    }

    public int integer(String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw ApiException.badField(name, "must be in " + min + ".." + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badField(name, "expected an integer, got '" + abbreviate(v) + "'");
        }
    }

    /** Echoed input is cut short so that a huge parameter cannot flood a response. */
    public static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
