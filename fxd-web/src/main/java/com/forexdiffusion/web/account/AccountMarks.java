package com.forexdiffusion.web.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;

/**
 * Marks open positions at the last stored M1 (else any stored) close, for display only: the broker's own equity
 * uses its last bid and spread, which it keeps in memory, so this figure can differ from it by the spread.
 */
public final class AccountMarks {
    private final CandleStore candles;
    private final InstrumentCatalog instruments = InstrumentCatalog.builtIn();

    public AccountMarks(CandleStore candles) {
        this.candles = candles;
    }

    public double equity(double balance, Iterable<JsonNode> openPositions) {
        double e = balance;
        for (JsonNode p : openPositions) {
            String sym = p.get("symbol").asText();
            double mark = lastClose(sym);
            if (Double.isNaN(mark)) {
                continue;
            }
            Instrument i = instruments.resolve(sym);
            double sign = "buy".equals(p.get("side").asText()) ? 1 : -1;
            double quoteToAccount = i.quoteCurrency().equals("USD") ? 1 : 1 / mark;
            e += (mark - p.get("entry_price").asDouble()) * sign * p.get("lots").asDouble() * i.contractSize()
                    * quoteToAccount;
        }
        return e;
    }

    private double lastClose(String symbol) {
        for (Timeframe tf : Timeframe.values()) {
            var info = candles.info(symbol, tf);
            if (info.isPresent()) {
                BarSeries b = candles.read(symbol, tf, info.get().lastTs(), info.get().lastTs() + 1);
                return b.isEmpty() ? Double.NaN : b.close(0);
            }
        }
        return Double.NaN;
    }
}
