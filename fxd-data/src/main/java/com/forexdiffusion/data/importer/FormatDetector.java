package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.BadInputException;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Tells the format of a candle file from its first lines; fails with what it saw when it cannot tell. */
public final class FormatDetector {
    private static final Pattern HISTDATA = Pattern.compile("\\d{8} \\d{6};.*");
    private static final Pattern MT4 = Pattern.compile("\\d{4}\\.\\d{1,2}\\.\\d{1,2}[,;\\t]\\d{1,2}:\\d{2}(:\\d{2})?[,;\\t].*");
    private static final int LINES = 5;

    private FormatDetector() {
    }

    /** Detects the format of a file (a zip is looked into). */
    public static CandleFormat detect(Path file) {
        InputFile in = InputFile.of(file);
        return detect(in.source(), in.firstLines(LINES));
    }

    /**
     * Detects the format from the first non-blank lines of a file.
     *
     * @param source the file name, for the error message
     */
    public static CandleFormat detect(String source, List<String> firstLines) {
        if (firstLines.isEmpty()) {
            throw BadInputException.ofSource(source, "the file holds no rows (it is empty or blank)");
        }
        String first = firstLines.getFirst().strip();
        if (HISTDATA.matcher(first).matches()) {
            return CandleFormat.HISTDATA;
        }
        if (MT4.matcher(first).matches()) {
            return CandleFormat.METATRADER;
        }
        if (first.startsWith("<") && first.toUpperCase(Locale.ROOT).contains("<DATE>")) {
            return CandleFormat.METATRADER;
        }
        String why;
        if (first.chars().anyMatch(Character::isLetter)) {
            try {
                Layout layout = Layout.fromHeader(source, first, CandleFormat.GENERIC_CSV);
                String timeName = layout.names()[layout.timeCol()];
                boolean dukascopy = (timeName.equals("gmt time") || timeName.equals("local time"))
                        && (firstLines.size() < 2 || firstLines.get(1).strip().matches("\\d{2}\\.\\d{2}\\.\\d{4} .*"));
                return dukascopy ? CandleFormat.DUKASCOPY : CandleFormat.GENERIC_CSV;
            } catch (BadInputException e) {
                why = "the first line looks like a header but " + e.reason();
            }
        } else {
            why = "the first line is neither a header nor a HistData or MetaTrader 4 row";
        }
        StringBuilder sb = new StringBuilder("cannot tell the candle format: ").append(why).append(". First lines:");
        for (int i = 0; i < firstLines.size(); i++) {
            sb.append("\n  ").append(i + 1).append(": ").append(Layout.abbreviate(firstLines.get(i)));
        }
        sb.append("\nExpected HistData 'yyyyMMdd HHmmss;o;h;l;c;v', MetaTrader 4 'yyyy.MM.dd,HH:mm,o,h,l,c,v', ")
                .append("MetaTrader 5 with a <DATE> header, Dukascopy with a 'Gmt time' header, ")
                .append("or a CSV with a header naming time, open, high, low, close. ")
                .append("Name the format with --format histdata|dukascopy|mt4|mt5|csv.");
        throw BadInputException.ofSource(source, sb.toString());
    }
}
