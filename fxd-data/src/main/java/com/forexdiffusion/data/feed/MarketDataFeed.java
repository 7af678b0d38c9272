package com.forexdiffusion.data.feed;

import java.util.Optional;

/**
 * Where an engine's bar events come from (DESIGN "Engine"): a historical replay of stored bars and a live broker feed
 * emit the same {@link BarEvent}s, in time order, to the one loop of an account. Broker-agnostic on purpose: a live
 * implementation turns its own messages into bar events and nothing else.
 */
public interface MarketDataFeed extends AutoCloseable {
    /**
     * The next event, or empty when there is none now: a historical feed has ended; a live one has nothing new yet
     * (ask again later).
     */
    Optional<BarEvent> next();

    @Override
    default void close() {
    }
}
