package com.forexdiffusion.trading.broker;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Exchange rates between currencies at a moment, from the stored bars of the pair that converts them (GBP to USD
 * through GBPUSD, JPY to USD through USDJPY): the close of the last bar of that pair that had closed by then, so a
 * conversion reads nothing after its time.
 */
public interface ConversionRates {
    /** Units of {@code to} per unit of {@code from} at {@code time} (epoch ms), or empty when no rate is stored. */
    OptionalDouble rate(String from, String to, long time);

    /** No rates: only pairs quoted in (or based on) the account currency can be traded. */
    static ConversionRates none() {
        return (from, to, time) -> from.equals(to) ? OptionalDouble.of(1) : OptionalDouble.empty();
    }

    /**
     * The stored bars of {@code timeframe} of the conversion pairs, read once per pair when first needed (either
     * direction: FROMTO, or the inverse of TOFROM).
     */
    static ConversionRates stored(CandleStore store, Timeframe timeframe) {
        Map<String, BarSeries> loaded = new HashMap<>();
        return (from, to, time) -> {
            if (from.equals(to)) {
                return OptionalDouble.of(1);
            }
            OptionalDouble direct = close(loaded.computeIfAbsent(from + to, p -> store.readAll(p, timeframe)), time);
            if (direct.isPresent()) {
                return direct;
            }
            OptionalDouble inverse = close(loaded.computeIfAbsent(to + from, p -> store.readAll(p, timeframe)), time);
            return inverse.isPresent() ? OptionalDouble.of(1 / inverse.getAsDouble()) : OptionalDouble.empty();
        };
    }

    /** The close of the last bar of {@code s} that closed by {@code time}. */
    static OptionalDouble close(BarSeries s, long time) {
        if (s.isEmpty()) {
            return OptionalDouble.empty();
        }
        int i = s.lowerBound(time) - 1;
        // The bar opened before time may still be open then: take the one before it.
        if (i >= 0 && s.timeframe().next(s.ts(i)) > time) {
            i--;
        }
        return i < 0 ? OptionalDouble.empty() : OptionalDouble.of(s.close(i));
    }
}
