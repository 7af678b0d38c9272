package com.forexdiffusion.trading.broker.fill;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.trading.broker.Broker;
import com.forexdiffusion.trading.broker.ClosedTrade;

import java.util.List;

/**
 * A broker whose market is simulated from closed bars (the paper broker): the engine hands it each bar before it
 * decides, and its fill model triggers resting entries, stops and targets inside the bar and charges swap for the
 * rollovers it passed. A live broker sees prices itself and needs none of this.
 */
public interface SimulatedBroker extends Broker {
    /** A closed bar of a symbol. Returns the positions it closed (also reported by {@link #executions}). */
    List<ClosedTrade> onBar(String symbol, Timeframe timeframe, Bar bar);
}
