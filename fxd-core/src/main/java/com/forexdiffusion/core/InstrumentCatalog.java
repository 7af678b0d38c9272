package com.forexdiffusion.core;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instruments this installation knows. Built from the majors and crosses, extended by config. Passed
 * to whoever needs it rather than held globally, so tests and users can each have their own.
 */
public final class InstrumentCatalog {
    private static final List<String> BUILT_IN = List.of(
            "EURUSD", "GBPUSD", "USDJPY", "USDCHF", "AUDUSD", "USDCAD", "NZDUSD",
            "EURGBP", "EURJPY", "GBPJPY", "EURCHF", "AUDJPY", "EURAUD", "EURCAD", "GBPCHF", "CHFJPY",
            "AUDNZD", "CADJPY", "NZDJPY", "GBPAUD");

    private final Map<String, Instrument> bySymbol = new LinkedHashMap<>();

    private InstrumentCatalog() {
    }

    /** The built-in table of majors and common crosses. */
    public static InstrumentCatalog builtIn() {
        InstrumentCatalog c = new InstrumentCatalog();
        BUILT_IN.forEach(s -> c.add(Instrument.fxPair(s)));
        return c;
    }

    /** Adds or replaces an instrument (from configuration). */
    public InstrumentCatalog add(Instrument instrument) {
        bySymbol.put(instrument.symbol(), instrument);
        return this;
    }

    /** Looks a symbol up in any accepted spelling; an unknown symbol is an error that names it. */
    public Instrument resolve(String symbol) {
        String s = Instrument.normalise(symbol);
        Instrument i = bySymbol.get(s);
        if (i == null) {
            throw BadInputException.ofField("symbol", "unknown symbol '" + symbol
                    + "' (known: " + String.join(", ", bySymbol.keySet()) + "; add others in the config)");
        }
        return i;
    }

    public boolean contains(String symbol) {
        return bySymbol.containsKey(Instrument.normalise(symbol));
    }

    public Collection<Instrument> all() {
        return List.copyOf(bySymbol.values());
    }
}
