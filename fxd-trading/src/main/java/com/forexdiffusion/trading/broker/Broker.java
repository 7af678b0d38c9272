package com.forexdiffusion.trading.broker;

import java.util.List;

/**
 * What a broker does: takes, amends and cancels orders, holds positions and the account, and reports what it did on
 * its own (stops, targets, resting entries filled or expired). The paper broker implements it now, a cTrader broker
 * later; how a simulated broker learns prices is not part of it ({@code fill.SimulatedBroker}).
 */
public interface Broker {
    /** A market order fills now; a stop or limit entry is accepted to rest (or rejected) now. */
    OrderResult submit(OrderRequest request);

    /** Cancels a resting entry order; an order that is no longer resting is an error. */
    void cancel(String orderId, long time, String reason);

    /** Closes a position at the given bid price (market order). */
    ClosedTrade close(String positionId, double bidPrice, long time, String reason);

    /** Moves the stop order of an open position (trailing stops); the new stop must protect the position. */
    Position modifyStop(String positionId, double stop, long time);

    List<Position> openPositions();

    /** Stop and limit entries accepted and not yet filled, cancelled or expired. */
    List<PendingOrder> pendingOrders();

    /**
     * Takes the reports of what the broker did on its own to {@code symbol}'s orders and positions since the last
     * call, in the order it happened.
     */
    List<Execution> executions(String symbol);

    /** The largest size a new position in {@code symbol} at this bid may have within the free margin. */
    double maxLots(String symbol, double bidPrice);

    /**
     * Account currency per unit of {@code symbol}'s quote currency at the latest time the broker has seen (for a
     * cross, through its conversion pair's rate).
     */
    double quoteToAccount(String symbol, double price);

    double balance();

    /** Balance plus the open positions marked at the last prices seen. */
    double equity();
}
