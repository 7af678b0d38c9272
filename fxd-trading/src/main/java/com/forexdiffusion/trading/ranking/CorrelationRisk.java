package com.forexdiffusion.trading.ranking;

import com.forexdiffusion.trading.broker.Position;
import com.forexdiffusion.trading.broker.Side;

import java.util.List;
import java.util.Map;

/**
 * The risk a new trade adds through positions already open in correlated symbols: the largest
 * |correlation| among open positions whose direction, adjusted for the sign of the correlation, points the same
 * way as the new trade (doubling up), 0 when none. Correlations come from the caller (estimated on past returns).
 */
public final class CorrelationRisk {
    private CorrelationRisk() {
    }

    public static double of(String symbol, Side side, List<Position> open, Map<String, Map<String, Double>> correlation) {
        double risk = 0;
        Map<String, Double> row = correlation.getOrDefault(symbol, Map.of());
        for (Position p : open) {
            if (p.symbol().equals(symbol)) {
                return 1.0;
            }
            Double rho = row.get(p.symbol());
            if (rho == null) {
                continue;
            }
            boolean sameExposure = Math.signum(rho) * p.side().sign() == side.sign();
            if (sameExposure) {
                risk = Math.max(risk, Math.abs(rho));
            }
        }
        return Math.min(1, risk);
    }
}
