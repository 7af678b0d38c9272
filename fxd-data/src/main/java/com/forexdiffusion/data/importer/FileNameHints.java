package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.Timeframe;

import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Symbol and timeframe read from a file name, such as {@code DAT_ASCII_EURUSD_M1_2017.csv},
 * {@code HISTDATA_COM_ASCII_EURUSD_M12018.zip}, {@code EURUSD_H1_..._dukascopy.csv} or the MetaTrader
 * style {@code EURUSD60.csv} (period in minutes). Either part is null when the name does not tell it.
 *
 * @param symbol a six-letter currency pair in upper case; it may be unknown to the catalog
 */
record FileNameHints(String symbol, Timeframe timeframe) {
    private static final Pattern PAIR = Pattern.compile("([A-Za-z]{6})(\\d{0,5})");
    private static final Pattern TIMEFRAME = Pattern.compile("(?i)(M|H|D|W|MN)\\d{1,3}");
    // HistData glues the timeframe to the year: "M12018" is M1 for 2018.
    private static final Pattern HISTDATA_TF_YEAR = Pattern.compile("(?i)M1(19|20)\\d\\d");
    private static final Map<Integer, Timeframe> MT_PERIODS = Map.of(1, Timeframe.M1, 5, Timeframe.M5,
            15, Timeframe.M15, 30, Timeframe.M30, 60, Timeframe.H1, 240, Timeframe.H4, 1440, Timeframe.D1,
            10080, Timeframe.W1, 43200, Timeframe.MN1);
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    static FileNameHints of(String fileName, InstrumentCatalog catalog) {
        String base = fileName;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1);
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        String symbol = null;
        Timeframe tf = null;
        for (String token : base.split("[^A-Za-z0-9]+")) {
            Matcher m = PAIR.matcher(token);
            if (symbol == null && m.matches() && isPair(m.group(1).toUpperCase(Locale.ROOT), catalog)) {
                symbol = m.group(1).toUpperCase(Locale.ROOT);
                if (!m.group(2).isEmpty() && tf == null) {
                    tf = MT_PERIODS.get(Integer.parseInt(m.group(2)));
                }
                continue;
            }
            if (tf == null && HISTDATA_TF_YEAR.matcher(token).matches()) {
                tf = Timeframe.M1;
            } else if (tf == null && TIMEFRAME.matcher(token).matches()) {
                tf = parseTimeframe(token);
            }
        }
        return new FileNameHints(symbol, tf);
    }

    /** Merges hints: those of {@code this} first, then the other's. */
    FileNameHints or(FileNameHints other) {
        return new FileNameHints(symbol != null ? symbol : other.symbol,
                timeframe != null ? timeframe : other.timeframe);
    }

    private static boolean isPair(String s, InstrumentCatalog catalog) {
        return catalog.contains(s) || CURRENCIES.contains(s.substring(0, 3)) && CURRENCIES.contains(s.substring(3));
    }

    private static Timeframe parseTimeframe(String token) {
        try {
            return Timeframe.parse(token);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
