package com.forexdiffusion.trading.broker;

import com.forexdiffusion.core.InstrumentCatalog;

import java.util.Map;

/**
 * Paper broker settings. Prices fed to the broker are bid prices (as in HistData, Dukascopy bid exports); the ask is
 * bid + spread.
 *
 * @param commissionPerLot commission per lot and side, in the account currency
 * @param costs            per symbol; symbols not listed use {@code defaultCosts}
 */
public record BrokerConfig(String accountCurrency, double leverage, double commissionPerLot,
                           Map<String, SymbolCosts> costs, SymbolCosts defaultCosts, InstrumentCatalog instruments) {
    public BrokerConfig {
        if (!(leverage > 0) || commissionPerLot < 0) {
            throw new IllegalArgumentException("leverage must be > 0 and commission >= 0");
        }
        costs = Map.copyOf(costs);
    }

    public static BrokerConfig defaults() {
        return new BrokerConfig("USD", 30, 3.5, Map.of(), SymbolCosts.typicalMajor(), InstrumentCatalog.builtIn());
    }

    public SymbolCosts costs(String symbol) {
        return costs.getOrDefault(symbol, defaultCosts);
    }
}
