package com.forexdiffusion.data.history;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Timeframe;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Bars of one series whose open time lies in [fromMs, toMs] (both inclusive), of which a source delivers only the
 * bars already closed at the time it answers.
 *
 * @param symbol    canonical symbol ("EURUSD")
 * @param timeframe bar timeframe
 * @param fromMs    first open time asked for, epoch ms UTC
 * @param toMs      last open time asked for, epoch ms UTC (inclusive)
 */
public record HistoryRequest(String symbol, Timeframe timeframe, long fromMs, long toMs) {
    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59, 999_000_000);

    public HistoryRequest {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
        if (toMs < fromMs) {
            throw BadInputException.ofField("to", "the range ends (" + Instant.ofEpochMilli(toMs)
                    + ") before it starts (" + Instant.ofEpochMilli(fromMs) + ")");
        }
    }

    /**
     * The range of whole UTC days {@code from} .. {@code to} under the intraday end-date rule (SPEC §9): an end date of
     * today (UTC, by {@code clock}) ends now; any other end date at 23:59:59.999 UTC of that day. An end date after
     * today is an error (nothing can be fetched from the future).
     */
    public static HistoryRequest ofDates(String symbol, Timeframe timeframe, LocalDate from, LocalDate to,
                                         InstantSource clock) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        if (to.isAfter(today)) {
            throw BadInputException.ofField("to", "the end date " + to + " is after today (" + today + " UTC)");
        }
        long fromMs = from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long toMs = to.equals(today) ? now.toEpochMilli()
                : to.atTime(END_OF_DAY).toInstant(ZoneOffset.UTC).toEpochMilli();
        return new HistoryRequest(symbol, timeframe, fromMs, toMs);
    }

    /** "EURUSD M1 2024-01-01T00:00:00Z..2024-01-31T23:59:59.999Z": for messages and source labels. */
    public String describe() {
        return symbol + " " + timeframe + " " + Instant.ofEpochMilli(fromMs) + ".." + Instant.ofEpochMilli(toMs);
    }
}
