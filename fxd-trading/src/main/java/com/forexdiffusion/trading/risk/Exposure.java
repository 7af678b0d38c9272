package com.forexdiffusion.trading.risk;

import com.forexdiffusion.trading.broker.Broker;
import com.forexdiffusion.trading.broker.PendingOrder;
import com.forexdiffusion.trading.broker.Position;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What an account carries across all its symbols, in the account currency: the risk at the stops (what it loses if
 * every stop fills at its price) and the notional, of its open positions and of its resting entries (which may fill
 * at any bar). A position or entry without a stop risks its whole notional.
 */
public record Exposure(double riskAtStops, double notional) {
    public static final Exposure NONE = new Exposure(0, 0);

    /** From the broker's positions and resting entries; {@code contractSize} per symbol. */
    public static Exposure of(Broker broker, ToDoubleFunction<String> contractSize) {
        return of(broker.openPositions(), broker.pendingOrders(), contractSize, broker::quoteToAccount);
    }

    /** {@code quoteToAccount}: account currency per unit of a symbol's quote currency at a price. */
    public static Exposure of(List<Position> open, List<PendingOrder> resting, ToDoubleFunction<String> contractSize,
                              QuoteToAccount quoteToAccount) {
        double risk = 0;
        double notional = 0;
        for (Position p : open) {
            double units = p.lots() * contractSize.applyAsDouble(p.symbol()) * quoteToAccount.at(p.symbol(), p.entry());
            notional += units * p.entry();
            risk += units * (p.stop() == null ? p.entry() : Math.abs(p.entry() - p.stop()));
        }
        for (PendingOrder o : resting) {
            double units = o.lots() * contractSize.applyAsDouble(o.symbol()) * quoteToAccount.at(o.symbol(), o.level());
            notional += units * o.level();
            risk += units * (o.stop() == null ? o.level() : Math.abs(o.level() - o.stop()));
        }
        return new Exposure(risk, notional);
    }

    @FunctionalInterface
    public interface QuoteToAccount {
        double at(String symbol, double price);
    }
}
