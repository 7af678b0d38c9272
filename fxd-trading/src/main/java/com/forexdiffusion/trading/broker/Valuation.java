package com.forexdiffusion.trading.broker;

import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Instrument;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What the paper broker's prices are worth in the account currency: the last bid seen per symbol, conversions of
 * quote currencies (through the stored rates at the latest time seen), margin at the leverage and positions marked
 * to the market.
 */
final class Valuation {
    private final BrokerConfig cfg;
    private final Map<String, Instrument> instruments = new HashMap<>();
    private final Map<String, Double> lastBid = new HashMap<>();
    private ConversionRates rates = ConversionRates.none();
    private Spreads spreads = Spreads.none();
    /** The latest time seen (orders, bar closes): the time of the rates a conversion uses. */
    private long now;

    Valuation(BrokerConfig cfg, long start) {
        this.cfg = cfg;
        this.now = start;
    }

    void rates(ConversionRates r) {
        this.rates = r;
    }

    void spreads(Spreads s) {
        this.spreads = s;
    }

    /** The spread at {@code time} in price: the data's where they state one, else the symbol's cost model. */
    double spread(String symbol, long time) {
        double s = spreads.at(symbol, time);
        return Double.isNaN(s) ? cfg.costs(symbol).spreadPips() * pip(symbol) : s;
    }

    /** The spread at the latest time seen. */
    double spreadNow(String symbol) {
        return spread(symbol, now);
    }

    void advance(long time) {
        now = Math.max(now, time);
    }

    /** The latest bid of a symbol (an order's price, a bar's close). */
    void see(String symbol, double bid) {
        lastBid.put(symbol, bid);
    }

    double bid(String symbol, double fallback) {
        return lastBid.getOrDefault(symbol, fallback);
    }

    Instrument instrument(String symbol) {
        return instruments.computeIfAbsent(symbol, s -> cfg.instruments().resolve(s));
    }

    double pip(String symbol) {
        return instrument(symbol).pipSize();
    }

    /**
     * Account currency per unit of quote currency at this price: 1 for pairs quoted in the account currency, 1/price
     * for pairs based on it, else the stored rate of the conversion pair at the latest time seen (GBPUSD for
     * EURGBP, USDJPY for EURJPY).
     */
    double quoteToAccount(String symbol, double price) {
        Instrument i = instrument(symbol);
        if (i.quoteCurrency().equals(cfg.accountCurrency())) {
            return 1;
        }
        if (i.baseCurrency().equals(cfg.accountCurrency())) {
            return 1 / price;
        }
        java.util.OptionalDouble r = rates.rate(i.quoteCurrency(), cfg.accountCurrency(), now);
        if (r.isEmpty()) {
            throw new FxdException(symbol + ": no conversion from " + i.quoteCurrency() + " to the account currency "
                    + cfg.accountCurrency() + " at " + java.time.Instant.ofEpochMilli(now) + " (store bars of "
                    + i.quoteCurrency() + cfg.accountCurrency() + " or " + cfg.accountCurrency() + i.quoteCurrency()
                    + " for crosses)");
        }
        return r.getAsDouble();
    }

    double margin(String symbol, double lots, double price) {
        Instrument i = instrument(symbol);
        return lots * i.contractSize() * price * quoteToAccount(symbol, price) / cfg.leverage();
    }

    double usedMargin(Collection<Position> open) {
        return open.stream().mapToDouble(p -> margin(p.symbol(), p.lots(), p.entry())).sum();
    }

    /** Balance plus the positions marked at the last bids (longs close at the bid, shorts at the ask). */
    double equity(double balance, Collection<Position> open) {
        double e = balance;
        for (Position p : open) {
            Instrument i = instrument(p.symbol());
            double bid = bid(p.symbol(), p.entry());
            double mark = p.side() == Side.BUY ? bid : bid + spreadNow(p.symbol());
            e += (mark - p.entry()) * p.side().sign() * p.lots() * i.contractSize() * quoteToAccount(p.symbol(), mark);
        }
        return e;
    }
}
