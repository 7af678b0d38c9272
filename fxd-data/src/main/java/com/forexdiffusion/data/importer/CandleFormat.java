package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.BadInputException;

import java.util.Locale;

/** The candle file formats the importer reads. */
public enum CandleFormat {
    /** HistData "Generic ASCII" M1: {@code yyyyMMdd HHmmss;o;h;l;c;v}, EST without DST, plain or zipped. */
    HISTDATA("histdata"),
    /** Dukascopy CSV export with a {@code Gmt time} or {@code Local time} header. */
    DUKASCOPY("dukascopy"),
    /** MetaTrader 4 history export (no header) or MetaTrader 5 export ({@code <DATE>} header), broker time. */
    METATRADER("metatrader"),
    /** Any CSV with a header naming a time column and open, high, low, close (and optionally volume). */
    GENERIC_CSV("csv");

    private final String cliName;

    CandleFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name the CLI prints and accepts. */
    public String cliName() {
        return cliName;
    }

    /** Parses a CLI name: histdata, dukascopy, mt4, mt5, metatrader, csv (or the enum name). */
    public static CandleFormat parse(String name) {
        if (name == null || name.isBlank()) {
            throw BadInputException.ofField("format", "empty format name");
        }
        return switch (name.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "histdata" -> HISTDATA;
            case "dukascopy", "duka" -> DUKASCOPY;
            case "mt4", "mt5", "metatrader" -> METATRADER;
            case "csv", "generic", "generic_csv" -> GENERIC_CSV;
            default -> throw BadInputException.ofField("format", "unknown format '" + name
                    + "' (known: histdata, dukascopy, mt4, mt5, metatrader, csv)");
        };
    }
}
