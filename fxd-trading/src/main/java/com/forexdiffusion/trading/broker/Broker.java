package com.forexdiffusion.trading.broker;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.Timeframe;

import java.util.List;

/** Orders, positions and the account. The paper broker implements it now; a cTrader broker later. */
public interface Broker {
    OrderResult submit(OrderRequest request);

    /** Closes a position at the given bid price (market order). */
    ClosedTrade close(String positionId, double bidPrice, long time, String reason);

    /**
     * A closed bar of a symbol: triggers stops and targets inside it and charges swap for rollovers it passed.
     * Returns the positions it closed.
     */
    List<ClosedTrade> onBar(String symbol, Timeframe timeframe, Bar bar);

    /** Moves the stop order of an open position (trailing stops); the new stop must protect the position. */
    Position modifyStop(String positionId, double stop, long time);

    /** The largest size a new position in {@code symbol} at this bid may have within the free margin. */
    double maxLots(String symbol, double bidPrice);

    List<Position> openPositions();

    /**
     * Account currency per unit of {@code symbol}'s quote currency at the latest time the broker has seen (for a
     * cross, through its conversion pair's rate).
     */
    double quoteToAccount(String symbol, double price);

    double balance();

    /** Balance plus the open positions marked at the last prices seen. */
    double equity();
}
