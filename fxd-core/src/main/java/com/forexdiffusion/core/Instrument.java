package com.forexdiffusion.core;

import java.util.Locale;

/**
 * A tradable symbol with the facts needed to size and price orders.
 *
 * @param symbol        canonical form, upper case without separators ("EURUSD")
 * @param pipSize       price change of one pip (0.0001, or 0.01 for JPY quotes)
 * @param digits        price digits quoted by brokers (5, or 3 for JPY quotes)
 * @param contractSize  units of the base currency in one lot (100 000 for FX)
 * @param baseCurrency  first currency of the pair
 * @param quoteCurrency currency prices are expressed in
 */
public record Instrument(String symbol, double pipSize, int digits, double contractSize,
                         String baseCurrency, String quoteCurrency) {
    public Instrument {
        symbol = normalise(symbol);
        if (!(pipSize > 0) || digits < 0 || !(contractSize > 0)) {
            throw BadInputException.ofField("instrument", "bad instrument definition for " + symbol);
        }
    }

    /** "EUR/USD", "eur_usd", " eurusd " all become "EURUSD". */
    public static String normalise(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            throw BadInputException.ofField("symbol", "empty symbol");
        }
        if (isCanonical(symbol)) {
            // Hot paths (engine, broker) pass canonical symbols on every bar: skip the regex.
            return symbol;
        }
        return SEPARATORS.matcher(symbol.trim()).replaceAll("").toUpperCase(Locale.ROOT);
    }

    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[/_\\-. ]");

    private static boolean isCanonical(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** A six-letter currency pair with the usual FX conventions (JPY quotes have 2-digit pips). */
    public static Instrument fxPair(String symbol) {
        String s = normalise(symbol);
        if (!s.matches("[A-Z]{6}")) {
            throw BadInputException.ofField("symbol", "'" + symbol + "' is not a currency pair");
        }
        String quote = s.substring(3);
        boolean jpy = quote.equals("JPY");
        return new Instrument(s, jpy ? 0.01 : 0.0001, jpy ? 3 : 5, 100_000, s.substring(0, 3), quote);
    }
}
