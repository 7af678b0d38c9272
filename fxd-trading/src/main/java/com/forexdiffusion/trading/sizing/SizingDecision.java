package com.forexdiffusion.trading.sizing;

import java.util.List;

/**
 * The size of a trade, or why there is none. {@code steps} explains each factor applied, in order, so a user
 * can see why a position has the size it has.
 */
public record SizingDecision(double lots, double riskAmount, boolean rejected, String reason, List<String> steps) {
    static SizingDecision reject(String reason, List<String> steps) {
        return new SizingDecision(0, 0, true, reason, List.copyOf(steps));
    }
}
