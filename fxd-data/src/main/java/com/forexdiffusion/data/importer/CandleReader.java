package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Streams the rows of one candle file to a {@link RowSink}: splits each line into fields in place, parses
 * numbers and times from the bytes and converts times to UTC. Parse errors go to
 * {@link RowSink#rejected}; validation of the values is the caller's business.
 */
final class CandleReader {
    static final ZoneOffset HISTDATA_EST = ZoneOffset.ofHours(-5);
    private static final int MAX_FIELDS = 64;

    private final String source;
    private final LineScanner scanner;
    private final Layout layout;
    private final ZoneConverter zone;
    private final String zoneDescription;
    private final TimestampParser times;
    private final int[] fieldStart = new int[MAX_FIELDS];
    private final int[] fieldEnd = new int[MAX_FIELDS];
    private boolean firstDataPending;
    private long rows;

    /**
     * Reads the header (or the first data line, to learn the delimiter) at once, so that a file that does not
     * fit the format fails before any row is delivered.
     *
     * @param zoneOverride the zone of times that state none, or null for the format's default
     */
    CandleReader(String source, InputStream in, CandleFormat format, ZoneId zoneOverride) throws IOException {
        this.source = source;
        this.scanner = new LineScanner(in, source);
        boolean any = false;
        while (scanner.next()) {
            if (!scanner.lineIsBlank()) {
                any = true;
                break;
            }
        }
        if (!any) {
            throw BadInputException.ofSource(source, "the file holds no rows (it is empty or blank)");
        }
        String first = scanner.lineText();
        ZoneId z;
        switch (format) {
            case HISTDATA -> {
                layout = Layout.histData();
                firstDataPending = true;
                z = zoneOverride != null ? zoneOverride : HISTDATA_EST;
                zoneDescription = zoneOverride != null ? zoneOverride.getId() + " (given)"
                        : "-05:00 (HistData EST without daylight saving)";
            }
            case METATRADER -> {
                if (first.trim().startsWith("<")) {
                    layout = Layout.fromHeader(source, first, format);
                } else {
                    layout = Layout.metaTrader4(source, first);
                    firstDataPending = true;
                }
                z = zoneOverride != null ? zoneOverride : ZoneOffset.UTC;
                zoneDescription = zoneOverride != null ? zoneOverride.getId() + " (given broker server time)"
                        : "UTC (assumed for MetaTrader broker server time; set the source zone if the broker is not on UTC)";
            }
            default -> {
                layout = Layout.fromHeader(source, first, format);
                if (layout.timeInUtc()) {
                    z = ZoneOffset.UTC;
                    zoneDescription = "UTC (stated by the header '" + layout.names()[layout.timeCol()] + "')";
                } else {
                    z = zoneOverride != null ? zoneOverride : ZoneOffset.UTC;
                    zoneDescription = "offsets stated in the data; " + (zoneOverride != null
                            ? zoneOverride.getId() + " (given)" : "UTC") + " for times without one";
                }
            }
        }
        this.zone = new ZoneConverter(z);
        this.times = new TimestampParser(layout.allowEpoch());
    }

    /** Whether the file's spreads are in points (MetaTrader 5) rather than in quote currency. */
    boolean spreadInPoints() {
        return layout.spreadPoints();
    }

    String zoneDescription() {
        return zoneDescription;
    }

    long bytesRead() {
        return scanner.bytesRead();
    }

    /** The text of the line being delivered, for reject reports. */
    String currentLineText() {
        return scanner.lineText();
    }

    /** Delivers every data row; returns the number of rows delivered to {@link RowSink#row}. */
    long readAll(RowSink sink) throws IOException {
        while (firstDataPending || scanner.next()) {
            firstDataPending = false;
            if (!scanner.lineIsBlank()) {
                parseLine(sink);
            }
        }
        return rows;
    }

    private void parseLine(RowSink sink) {
        byte[] b = scanner.buffer();
        int n = split(b, scanner.lineStart(), scanner.lineEnd());
        long line = scanner.lineNumber();
        Layout l = layout;
        if (n != l.fieldCount()) {
            sink.rejected(new BadInputException(source, line, "row", fieldCountReason(b, n)), scanner.lineText());
            return;
        }
        long local;
        int tc = l.timeCol();
        if (l.dateCol() < 0) {
            local = times.parseDateTime(b, fieldStart[tc], fieldEnd[tc]);
            if (local == TimestampParser.FAIL) {
                rejectTime(sink, line, tc);
                return;
            }
        } else {
            int dc = l.dateCol();
            long day = times.parseDate(b, fieldStart[dc], fieldEnd[dc]);
            if (day == TimestampParser.FAIL) {
                rejectTime(sink, line, dc);
                return;
            }
            long tod = times.parseTimeOfDay(b, fieldStart[tc], fieldEnd[tc]);
            if (tod == TimestampParser.FAIL) {
                rejectTime(sink, line, tc);
                return;
            }
            local = day + tod;
        }
        int offset = times.offsetSeconds();
        long ts;
        if (offset != TimestampParser.NO_OFFSET) {
            ts = local - offset * 1000L;
        } else if (l.timeInUtc()) {
            ts = local;
        } else {
            ts = zone.toUtc(local);
        }
        int col = l.openCol();
        try {
            double o = DecimalParser.parse(b, fieldStart[col], fieldEnd[col]);
            col = l.highCol();
            double h = DecimalParser.parse(b, fieldStart[col], fieldEnd[col]);
            col = l.lowCol();
            double lo = DecimalParser.parse(b, fieldStart[col], fieldEnd[col]);
            col = l.closeCol();
            double c = DecimalParser.parse(b, fieldStart[col], fieldEnd[col]);
            col = l.volumeCol();
            double v = col < 0 ? 0.0 : DecimalParser.parse(b, fieldStart[col], fieldEnd[col]);
            col = l.spreadCol();
            double spread = col < 0 ? Double.NaN : DecimalParser.parse(b, fieldStart[col], fieldEnd[col]);
            rows++;
            sink.row(line, ts, o, h, lo, c, v, spread);
        } catch (DecimalParser.Unparsable e) {
            sink.rejected(new BadInputException(source, line, l.names()[col],
                    "'" + fieldText(b, col) + "' is not a number"), scanner.lineText());
        }
    }

    /** Records field bounds (trimmed of spaces and quotes) and returns the field count. */
    private int split(byte[] b, int start, int end) {
        byte delim = layout.delimiter();
        int n = 0;
        int s = start;
        for (int i = start; i < end; i++) {
            if (b[i] == delim) {
                if (n < MAX_FIELDS) {
                    setField(b, n, s, i);
                }
                n++;
                s = i + 1;
            }
        }
        if (n < MAX_FIELDS) {
            setField(b, n, s, end);
        }
        return n + 1;
    }

    private void setField(byte[] b, int n, int s, int e) {
        while (s < e && (b[s] == ' ' || b[s] == '"')) {
            s++;
        }
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '"')) {
            e--;
        }
        fieldStart[n] = s;
        fieldEnd[n] = e;
    }

    private void rejectTime(RowSink sink, long line, int col) {
        sink.rejected(new BadInputException(source, line, layout.names()[col], "'" + fieldText(scanner.buffer(), col)
                + "' is not a valid date-time (" + times.error() + "; expected " + layout.timeSyntax() + ")"),
                scanner.lineText());
    }

    private String fieldText(byte[] b, int col) {
        return new String(b, fieldStart[col], fieldEnd[col] - fieldStart[col], StandardCharsets.UTF_8);
    }

    private String fieldCountReason(byte[] b, int n) {
        byte delim = layout.delimiter();
        StringBuilder sb = new StringBuilder("expected ").append(layout.fieldCount()).append(" fields separated by ")
                .append(Layout.delimiterName(delim)).append(", found ").append(n);
        for (byte other : new byte[] {',', ';', '\t'}) {
            if (other != delim && contains(b, scanner.lineStart(), scanner.lineEnd(), other)) {
                sb.append(" (wrong delimiter? the line contains ").append(Layout.delimiterName(other)).append(')');
                break;
            }
        }
        return sb.toString();
    }

    private static boolean contains(byte[] b, int from, int to, byte x) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return true;
            }
        }
        return false;
    }
}
