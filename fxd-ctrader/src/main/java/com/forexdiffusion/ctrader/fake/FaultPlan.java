package com.forexdiffusion.ctrader.fake;

import java.util.Map;
import java.util.TreeMap;

/**
 * Faults injected at given history requests, counted from 1 over the server's life (across connections), so that a
 * resent request is answered normally unless it is itself listed.
 */
public final class FaultPlan {
    private final Map<Integer, Fault> at = new TreeMap<>();
    private final Map<Integer, Fault> every = new TreeMap<>();

    public static FaultPlan none() {
        return new FaultPlan();
    }

    /** {@code fault} instead of the reply to history request number {@code ordinal}. */
    public FaultPlan at(int ordinal, Fault fault) {
        at.put(ordinal, fault);
        return this;
    }

    /** {@code fault} at every {@code n}-th history request (the smallest n wins where several apply). */
    public FaultPlan every(int n, Fault fault) {
        if (n < 1) {
            throw new IllegalArgumentException("a fault period must be >= 1, got " + n);
        }
        every.put(n, fault);
        return this;
    }

    Fault faultAt(int ordinal) {
        Fault f = at.get(ordinal);
        for (Map.Entry<Integer, Fault> e : every.entrySet()) {
            if (f == null && ordinal % e.getKey() == 0) {
                f = e.getValue();
            }
        }
        return f;
    }
}
