package com.forexdiffusion.data.importer;

/**
 * Parses the date-time spellings of the supported exports straight from bytes into "local" epoch millis
 * (the civil fields read as if they were UTC), so that no object is created per row:
 * <ul>
 *   <li>{@code yyyyMMdd HHmmss} (HistData),</li>
 *   <li>{@code yyyy-MM-dd}, {@code yyyy.MM.dd}, {@code yyyy/MM/dd} with an optional {@code T} or space and
 *       {@code HH:mm[:ss[.fraction]]} (ISO-8601, MetaTrader),</li>
 *   <li>{@code dd.MM.yyyy HH:mm:ss.SSS} (Dukascopy),</li>
 *   <li>each optionally followed by a zone: {@code Z}, {@code UTC}, {@code GMT}, {@code GMT+0200},
 *       {@code +02:00}, {@code -0500}, {@code +02},</li>
 *   <li>and, where allowed, epoch seconds or milliseconds (told apart by magnitude).</li>
 * </ul>
 * On failure the methods return {@link #FAIL} and leave the reason in {@link #error()}.
 */
final class TimestampParser {
    static final long FAIL = Long.MIN_VALUE;
    static final int NO_OFFSET = Integer.MIN_VALUE;
    private static final long DAY_MS = 86_400_000L;
    // Epoch values below this are seconds: 1e11 s is the year 5138, 1e11 ms is March 1973.
    private static final long EPOCH_MS_THRESHOLD = 100_000_000_000L;

    private final boolean allowEpoch;
    private byte[] b;
    private int pos;
    private int end;
    private int offsetSeconds;
    private boolean utcExplicit;
    private String error;

    TimestampParser(boolean allowEpoch) {
        this.allowEpoch = allowEpoch;
    }

    /** Offset stated in the last parsed text, in seconds, or {@link #NO_OFFSET}. */
    int offsetSeconds() {
        return offsetSeconds;
    }

    /** True when the last parsed value was an epoch number, which is UTC by definition. */
    boolean utcExplicit() {
        return utcExplicit;
    }

    String error() {
        return error;
    }

    /** A full date-time (or a date alone, meaning midnight) in bytes [from, to). */
    long parseDateTime(byte[] bytes, int from, int to) {
        reset(bytes, from, to);
        if (allowEpoch && isEpoch()) {
            return epoch();
        }
        long day = date();
        if (day == FAIL) {
            return FAIL;
        }
        if (pos == end) {
            return day * DAY_MS;
        }
        boolean compact = b[pos] == ' ' && pos - from == 8;
        if (b[pos] == 'T' || b[pos] == 't') {
            pos++;
        } else if (b[pos] == ' ') {
            while (pos < end && b[pos] == ' ') {
                pos++;
            }
        } else {
            return fail("unexpected '" + (char) b[pos] + "' after the date");
        }
        long tod = compact ? compactTime() : time();
        if (tod == FAIL) {
            return FAIL;
        }
        if (!zone()) {
            return FAIL;
        }
        return day * DAY_MS + tod;
    }

    /** A date alone (a separate date column), as local epoch millis at midnight. */
    long parseDate(byte[] bytes, int from, int to) {
        reset(bytes, from, to);
        long day = date();
        if (day == FAIL) {
            return FAIL;
        }
        if (pos != end) {
            return fail("unexpected text after the date");
        }
        return day * DAY_MS;
    }

    /** A time of day (a separate time column) with an optional zone, as millis since midnight. */
    long parseTimeOfDay(byte[] bytes, int from, int to) {
        reset(bytes, from, to);
        long tod = time();
        if (tod == FAIL || !zone()) {
            return FAIL;
        }
        return tod;
    }

    private void reset(byte[] bytes, int from, int to) {
        b = bytes;
        pos = from;
        end = to;
        offsetSeconds = NO_OFFSET;
        utcExplicit = false;
        error = null;
    }

    private long fail(String reason) {
        error = reason;
        return FAIL;
    }

    private boolean isEpoch() {
        int i = pos;
        if (i < end && b[i] == '-') {
            i++;
        }
        int digits = 0;
        for (; i < end; i++) {
            if (b[i] >= '0' && b[i] <= '9') {
                digits++;
            } else if (b[i] != '.') {
                return false;
            }
        }
        // Eight digits are a compact date (yyyyMMdd), not an epoch from 1970.
        return digits >= 9;
    }

    private long epoch() {
        double value;
        try {
            value = DecimalParser.parse(b, pos, end);
        } catch (DecimalParser.Unparsable e) {
            return fail("not an epoch number");
        }
        utcExplicit = true;
        offsetSeconds = 0;
        return Math.abs(value) >= EPOCH_MS_THRESHOLD ? Math.round(value) : Math.round(value * 1000.0);
    }

    /** Reads a run of digits; returns its length (value in {@link #num}). */
    private int digitsRun(int max) {
        int n = 0;
        long v = 0;
        while (pos < end && n < max && b[pos] >= '0' && b[pos] <= '9') {
            v = v * 10 + (b[pos] - '0');
            pos++;
            n++;
        }
        num = v;
        return n;
    }

    private long num;

    private long date() {
        int start = pos;
        int n = digitsRun(8);
        int year;
        int month;
        int day;
        if (n == 8) {
            year = (int) (num / 10000);
            month = (int) (num / 100 % 100);
            day = (int) (num % 100);
        } else if (n == 4) {
            year = (int) num;
            if (pos >= end) {
                return fail("incomplete date");
            }
            byte sep = b[pos];
            if (sep != '-' && sep != '.' && sep != '/') {
                return fail("unexpected '" + (char) sep + "' in the date");
            }
            pos++;
            if (digitsRun(2) == 0 || pos >= end || b[pos] != sep) {
                return fail("month missing or malformed");
            }
            month = (int) num;
            pos++;
            if (digitsRun(2) == 0) {
                return fail("day missing");
            }
            day = (int) num;
        } else if (n == 1 || n == 2) {
            day = (int) num;
            // Day-first dates are accepted only with dots (Dukascopy): "01/02/2020" could be either order.
            if (pos >= end || b[pos] != '.') {
                return fail("ambiguous or malformed date (day-first dates must be dd.MM.yyyy)");
            }
            pos++;
            if (digitsRun(2) == 0 || pos >= end || b[pos] != '.') {
                return fail("month missing or malformed");
            }
            month = (int) num;
            pos++;
            if (digitsRun(4) != 4) {
                return fail("year must have 4 digits");
            }
            year = (int) num;
        } else {
            pos = start;
            return fail("unrecognised date");
        }
        if (month < 1 || month > 12) {
            return fail("month " + month + " out of range");
        }
        if (day < 1 || day > daysInMonth(year, month)) {
            return fail("day " + day + " out of range for " + year + "-" + month);
        }
        return epochDay(year, month, day);
    }

    /** HH:mm[:ss[.fraction]] as millis of day. */
    private long time() {
        if (digitsRun(2) == 0) {
            return fail("hour missing");
        }
        long hour = num;
        if (pos >= end || b[pos] != ':') {
            return fail("expected ':' after the hour");
        }
        pos++;
        if (digitsRun(2) != 2) {
            return fail("minute must have 2 digits");
        }
        long minute = num;
        long second = 0;
        long millis = 0;
        if (pos < end && b[pos] == ':') {
            pos++;
            if (digitsRun(2) != 2) {
                return fail("second must have 2 digits");
            }
            second = num;
            if (pos < end && (b[pos] == '.' || b[pos] == ',')) {
                pos++;
                int start = pos;
                int n = digitsRun(9);
                if (n == 0) {
                    return fail("fraction of a second missing");
                }
                millis = n >= 3 ? scaleDown(num, n - 3) : num * (n == 1 ? 100 : 10);
                if (pos < end && b[pos] >= '0' && b[pos] <= '9') {
                    pos = start;
                    return fail("fraction of a second too long");
                }
            }
        }
        return hms(hour, minute, second, millis);
    }

    private static long scaleDown(long v, int digits) {
        for (int i = 0; i < digits; i++) {
            v /= 10;
        }
        return v;
    }

    /** HHmmss (HistData). */
    private long compactTime() {
        if (digitsRun(6) != 6) {
            return fail("time must be HHmmss");
        }
        return hms(num / 10000, num / 100 % 100, num % 100, 0);
    }

    private long hms(long hour, long minute, long second, long millis) {
        if (hour > 23) {
            return fail("hour " + hour + " out of range");
        }
        if (minute > 59) {
            return fail("minute " + minute + " out of range");
        }
        if (second > 59) {
            return fail("second " + second + " out of range");
        }
        return ((hour * 60 + minute) * 60 + second) * 1000 + millis;
    }

    /** Optional zone suffix; false (with a reason) when something unparsable follows the time. */
    private boolean zone() {
        while (pos < end && b[pos] == ' ') {
            pos++;
        }
        if (pos == end) {
            return true;
        }
        if (b[pos] == 'Z' || b[pos] == 'z') {
            pos++;
            offsetSeconds = 0;
            return trailing();
        }
        if (end - pos >= 3 && (matches("UTC") || matches("GMT"))) {
            pos += 3;
            offsetSeconds = 0;
            if (pos == end) {
                return true;
            }
        }
        if (b[pos] != '+' && b[pos] != '-') {
            fail("unexpected text after the time");
            return false;
        }
        int sign = b[pos] == '-' ? -1 : 1;
        pos++;
        if (digitsRun(2) != 2) {
            fail("zone offset must be ±HH, ±HHmm or ±HH:mm");
            return false;
        }
        long hours = num;
        long minutes = 0;
        if (pos < end && b[pos] == ':') {
            pos++;
        }
        if (pos < end) {
            if (digitsRun(2) != 2) {
                fail("zone offset must be ±HH, ±HHmm or ±HH:mm");
                return false;
            }
            minutes = num;
        }
        if (hours > 18 || minutes > 59) {
            fail("zone offset out of range");
            return false;
        }
        offsetSeconds = (int) (sign * (hours * 3600 + minutes * 60));
        return trailing();
    }

    private boolean trailing() {
        if (pos != end) {
            fail("unexpected text after the zone");
            return false;
        }
        return true;
    }

    private boolean matches(String word) {
        for (int i = 0; i < word.length(); i++) {
            if ((b[pos + i] & 0xDF) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
