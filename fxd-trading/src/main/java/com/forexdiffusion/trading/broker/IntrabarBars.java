package com.forexdiffusion.trading.broker;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;

import java.util.Map;

/**
 * Lower-timeframe bars (M1, typically) that tell the broker which of a stop and a target a decision-timeframe bar
 * reached first when it touched both (SPEC §7: "unless lower-timeframe bars decide it").
 */
public interface IntrabarBars {
    /** The bars of {@code symbol} opening in [from, to), in time order; empty when none are stored. */
    BarSeries within(String symbol, long from, long to);

    /**
     * The stored M1 bars of one symbol opening in [from, to), for a broker trading {@code timeframe} bars (none when
     * that is M1 itself: there is nothing finer).
     */
    static IntrabarBars storedM1(CandleStore store, String symbol, Timeframe timeframe, long from, long to) {
        String sym = Instrument.normalise(symbol);
        BarSeries m1 = timeframe == Timeframe.M1 ? BarSeries.empty(sym, Timeframe.M1)
                : store.read(sym, Timeframe.M1, from, to);
        return of(Map.of(sym, m1));
    }

    /** How many bars this source holds for a symbol (for reports). */
    default int count(String symbol) {
        BarSeries all = within(symbol, Long.MIN_VALUE, Long.MAX_VALUE);
        return all == null ? 0 : all.size();
    }

    /** From series already read, one per symbol; a symbol without one has no intrabar bars. */
    static IntrabarBars of(Map<String, BarSeries> bySymbol) {
        return (symbol, from, to) -> {
            BarSeries s = bySymbol.get(Instrument.normalise(symbol));
            return s == null ? null : s.between(from, to);
        };
    }
}
