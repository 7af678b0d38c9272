package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.BadInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the fields of one file's rows are: delimiter, column indexes and how many fields a row has.
 *
 * @param dateCol      column holding the date, or -1 when {@code timeCol} holds date and time together
 * @param volumeCol    -1 when the file has no volume (volume is then 0)
 * @param spreadCol    -1 when the file states no spread
 * @param spreadPoints whether the spread is in points (MetaTrader 5) rather than in quote currency
 * @param names        field names for error messages, by column
 * @param hasHeader    whether the first non-blank line is a header
 * @param timeInUtc    whether the header declares the times as GMT/UTC
 * @param timeSyntax   the expected spelling of the time, for error messages
 */
record Layout(byte delimiter, int fieldCount, int dateCol, int timeCol, int openCol, int highCol, int lowCol,
              int closeCol, int volumeCol, int spreadCol, boolean spreadPoints, String[] names, boolean hasHeader,
              boolean timeInUtc, boolean allowEpoch, String timeSyntax) {

    private static final List<String> TIME_NAMES = List.of("timestamp", "datetime", "date time", "date_time",
            "gmt time", "local time", "utc time", "time (utc)", "open time", "open_time", "time", "date", "ts");
    private static final List<String> VOLUME_NAMES = List.of("tickvol", "tick volume", "tick_volume", "volume",
            "vol", "v", "real volume", "real_volume");

    static Layout histData() {
        return new Layout((byte) ';', 6, -1, 0, 1, 2, 3, 4, 5, -1, false,
                new String[] {"time", "open", "high", "low", "close", "volume"}, false, false, false,
                "yyyyMMdd HHmmss");
    }

    /** MetaTrader 4 export without a header: date and time columns, then OHLC and (usually) volume. */
    static Layout metaTrader4(String source, String firstLine) {
        byte delim = detectDelimiter(firstLine);
        int fields = firstLine.split(String.valueOf((char) delim), -1).length;
        if (fields != 6 && fields != 7) {
            throw new BadInputException(source, 1, null, "expected a MetaTrader 4 row "
                    + "'yyyy.MM.dd,HH:mm,open,high,low,close,volume' (7 fields), found " + fields
                    + " field(s) in '" + abbreviate(firstLine) + "'");
        }
        return new Layout(delim, fields, 0, 1, 2, 3, 4, 5, fields == 7 ? 6 : -1, -1, false,
                new String[] {"date", "time", "open", "high", "low", "close", "volume"}, false, false, false,
                "yyyy.MM.dd and HH:mm");
    }

    /** Maps a header line (generic CSV, Dukascopy, MetaTrader 5) to column indexes. */
    static Layout fromHeader(String source, String header, CandleFormat format) {
        byte delim = detectDelimiter(header);
        String[] raw = header.split(delim == '\t' ? "\t" : String.valueOf((char) delim), -1);
        List<String> norm = new ArrayList<>();
        for (String r : raw) {
            norm.add(normaliseName(r));
        }
        int date = norm.indexOf("date");
        int time = norm.indexOf("time");
        int dateCol = -1;
        int timeCol;
        if (date >= 0 && time >= 0) {
            dateCol = date;
            timeCol = time;
        } else {
            timeCol = -1;
            for (String name : TIME_NAMES) {
                if (norm.contains(name)) {
                    timeCol = norm.indexOf(name);
                    break;
                }
            }
        }
        int open = first(norm, "open", "o");
        int high = first(norm, "high", "h");
        int low = first(norm, "low", "l");
        int close = first(norm, "close", "c");
        int volume = first(norm, VOLUME_NAMES.toArray(String[]::new));
        int spread = first(norm, "spread");
        List<String> missing = new ArrayList<>();
        if (timeCol < 0) {
            missing.add("time (time, timestamp, date, datetime, ts or gmt time)");
        }
        if (open < 0) {
            missing.add("open");
        }
        if (high < 0) {
            missing.add("high");
        }
        if (low < 0) {
            missing.add("low");
        }
        if (close < 0) {
            missing.add("close");
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(source, 1, "header", "the header '" + abbreviate(header)
                    + "' lacks the column(s) " + String.join(", ", missing) + " (read as " + format.cliName()
                    + " with delimiter " + delimiterName(delim) + ")");
        }
        String timeName = norm.get(timeCol);
        boolean utc = timeName.equals("gmt time") || timeName.equals("utc time") || timeName.equals("time (utc)");
        String syntax = switch (format) {
            case DUKASCOPY -> "dd.MM.yyyy HH:mm:ss.SSS";
            case METATRADER -> "yyyy.MM.dd and HH:mm:ss";
            default -> "ISO-8601, yyyy-MM-dd HH:mm[:ss] or epoch seconds/milliseconds";
        };
        String[] names = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            names[i] = norm.get(i).isEmpty() ? "column " + (i + 1) : norm.get(i);
        }
        return new Layout(delim, raw.length, dateCol, timeCol, open, high, low, close, volume, spread,
                format == CandleFormat.METATRADER, names, true, utc, format == CandleFormat.GENERIC_CSV, syntax);
    }

    static String normaliseName(String raw) {
        String s = raw.trim();
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        s = s.replace("\"", "").replace("<", "").replace(">", "").trim();
        return s.toLowerCase(Locale.ROOT);
    }

    private static int first(List<String> names, String... candidates) {
        for (String c : candidates) {
            int i = names.indexOf(c);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The most frequent of ',', ';' and tab in a line (comma on a tie or when none occurs). */
    static byte detectDelimiter(String line) {
        int commas = 0;
        int semis = 0;
        int tabs = 0;
        for (int i = 0; i < line.length(); i++) {
            switch (line.charAt(i)) {
                case ',' -> commas++;
                case ';' -> semis++;
                case '\t' -> tabs++;
                default -> { }
            }
        }
        if (tabs > commas && tabs > semis) {
            return '\t';
        }
        return semis > commas ? (byte) ';' : (byte) ',';
    }

    static String delimiterName(byte d) {
        return d == '\t' ? "tab" : "'" + (char) d + "'";
    }

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
