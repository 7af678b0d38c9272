package com.forexdiffusion.core;

/**
 * Where the engine and the sessions get "now" from (DESIGN "Engine"): the system clock in live trading, a simulated
 * one that follows the events in replay, so that nothing in a replay depends on when it was run.
 */
@FunctionalInterface
public interface Clock {
    /** Epoch milliseconds. */
    long millis();

    static Clock system() {
        return System::currentTimeMillis;
    }

    /** A clock set by its owner (to each event's time in a replay). */
    static Simulated simulated(long start) {
        return new Simulated(start);
    }

    /** A clock that moves only when told; never backwards. Not thread-safe beyond visibility of the last set. */
    final class Simulated implements Clock {
        private volatile long now;

        private Simulated(long start) {
            this.now = start;
        }

        @Override
        public long millis() {
            return now;
        }

        public void advanceTo(long t) {
            if (t < now) {
                throw new IllegalArgumentException("a simulated clock does not go back (from " + now + " to " + t + ")");
            }
            now = t;
        }
    }
}
