package com.forexdiffusion.ctrader.fake;

import java.util.Map;
import java.util.TreeMap;

/**
 * Faults injected at given history requests, counted from 1 over the server's life (across connections), so that a
 * resent request is answered normally unless it is itself listed.
 */
public final class FaultPlan {
    private final Map<Integer, Fault> at = new TreeMap<>();
    private int every;
    private Fault everyFault;

    public static FaultPlan none() {
        return new FaultPlan();
    }

    /** {@code fault} instead of the reply to history request number {@code ordinal}. */
    public FaultPlan at(int ordinal, Fault fault) {
        at.put(ordinal, fault);
        return this;
    }

    /** {@code fault} at every {@code n}-th history request. */
    public FaultPlan every(int n, Fault fault) {
        this.every = n;
        this.everyFault = fault;
        return this;
    }

    Fault faultAt(int ordinal) {
        Fault f = at.get(ordinal);
        if (f == null && every > 0 && ordinal % every == 0) {
            f = everyFault;
        }
        return f;
    }
}
