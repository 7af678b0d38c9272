package com.forexdiffusion.trading.broker;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Instrument;

import java.util.Map;

/**
 * Lower-timeframe bars (M1, typically) that tell the broker which of a stop and a target a decision-timeframe bar
 * reached first when it touched both (SPEC §7: "unless lower-timeframe bars decide it").
 */
public interface IntrabarBars {
    /** The bars of {@code symbol} opening in [from, to), in time order; empty when none are stored. */
    BarSeries within(String symbol, long from, long to);

    /** From series already read, one per symbol; a symbol without one has no intrabar bars. */
    static IntrabarBars of(Map<String, BarSeries> bySymbol) {
        return (symbol, from, to) -> {
            BarSeries s = bySymbol.get(Instrument.normalise(symbol));
            return s == null ? null : s.between(from, to);
        };
    }
}
