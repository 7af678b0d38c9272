package com.forexdiffusion.trading.ranking;

import com.forexdiffusion.core.Horizon;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.trading.broker.Position;
import com.forexdiffusion.trading.broker.Side;
import com.forexdiffusion.trading.quality.QualityScore;
import com.forexdiffusion.trading.signal.Direction;
import com.forexdiffusion.trading.signal.Signal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SignalRankerTest {
    static ScoredSignal s(String id, String symbol, Direction d, double strength, double composite, boolean passes,
                          double regimeConf) {
        Signal sig = new Signal(id, symbol, Timeframe.M15, 0, new Horizon(60), d, strength, 1, 1.01, 0.99, 1,
                new Signal.Metadata(1.01, 0.01, 0.1, 0.99, 1.01, 1.03, 0.01, 1, 50, "m"));
        return new ScoredSignal(sig, new QualityScore(Map.of(), composite, 1, 0.65, passes), regimeConf);
    }

    @Test
    void filtersRanksKeepsOnePerSymbolAndTheTopN() {
        List<ScoredSignal> in = List.of(
                s("a", "EURUSD", Direction.BULL, 0.9, 0.80, true, 0.9),   // 0.648
                s("b", "EURUSD", Direction.BULL, 1.0, 0.90, true, 0.9),   // 0.810, best EURUSD
                s("c", "GBPUSD", Direction.BEAR, 0.5, 0.70, true, 1.0),   // 0.350
                s("d", "USDJPY", Direction.BULL, 0.2, 0.95, true, 1.0),   // below min strength
                s("e", "AUDUSD", Direction.BULL, 0.9, 0.60, false, 1.0),  // fails quality
                s("f", "USDCAD", Direction.NEUTRAL, 1.0, 0.9, true, 1.0), // no direction
                s("g", "NZDUSD", Direction.BEAR, 0.8, 0.70, true, 0.8),   // 0.448
                s("h", "USDCHF", Direction.BULL, 0.9, 0.9, true, 0.9));   // 0.729; open position in the first call
        List<ScoredSignal> out = new SignalRanker(0.3, 2).select(in, Set.of("USDCHF"));
        assertThat(out).extracting(x -> x.signal().id()).containsExactly("b", "g");
        assertThat(new SignalRanker(0.3, 5).select(in, Set.of())).extracting(x -> x.signal().id())
                .containsExactly("b", "h", "g", "c");
    }

    @Test
    void correlationRiskFromOpenPositions() {
        Map<String, Map<String, Double>> rho = Map.of("GBPUSD", Map.of("EURUSD", 0.8, "USDCHF", -0.7));
        Position longEur = new Position("p1", "EURUSD", Side.BUY, 1, 1.1, null, null, 0, 0, 0);
        Position longChf = new Position("p2", "USDCHF", Side.BUY, 1, 0.9, null, null, 0, 0, 0);
        // Long GBPUSD doubles the long EURUSD (ρ 0.8); long USDCHF with ρ −0.7 is short-USD-like the other way.
        assertThat(CorrelationRisk.of("GBPUSD", Side.BUY, List.of(longEur), rho)).isEqualTo(0.8);
        assertThat(CorrelationRisk.of("GBPUSD", Side.SELL, List.of(longEur), rho)).isZero();
        assertThat(CorrelationRisk.of("GBPUSD", Side.SELL, List.of(longChf), rho)).isEqualTo(0.7);
        assertThat(CorrelationRisk.of("EURUSD", Side.SELL, List.of(longEur), rho)).isEqualTo(1.0);
    }
}
