package com.forexdiffusion.trading.risk;

import com.forexdiffusion.trading.broker.Position;
import com.forexdiffusion.trading.broker.Side;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RiskManagerTest {
    static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    static final Position LONG = new Position("p1", "EURUSD", Side.BUY, 1, 1.1000, 1.0950, null,
            ms("2024-01-09T10:00:00Z"), 0, 0);

    @Test
    void theDailyLossLimitFlattensOnceAndHaltsUntilTheNextTradingDay() {
        RiskManager r = new RiskManager(RiskLimits.defaults());
        assertThat(r.onBar(ms("2024-01-09T10:00:00Z"), 10_000, List.of(LONG), Map.of(), s -> 1e-4).flattenAll()).isFalse();
        assertThat(r.onBar(ms("2024-01-09T11:00:00Z"), 9_701, List.of(LONG), Map.of(), s -> 1e-4).flattenAll()).isFalse();
        RiskManager.Actions a = r.onBar(ms("2024-01-09T12:00:00Z"), 9_700, List.of(LONG), Map.of(), s -> 1e-4);
        assertThat(a.flattenAll()).isTrue();
        assertThat(a.close()).containsExactly("p1");
        assertThat(r.mayOpen(0)).isFalse();
        // 22:00 UTC is 17:00 New York in winter: a new trading day, measured from its own starting equity.
        r.onBar(ms("2024-01-09T22:00:00Z"), 9_700, List.of(), Map.of(), s -> 1e-4);
        assertThat(r.mayOpen(0)).isTrue();
        assertThat(r.mayOpen(5)).isFalse();
    }

    @Test
    void maxHoldingTimeAndTrailingStop() {
        RiskManager r = new RiskManager(new RiskLimits(3, 5, 120, 20));
        RiskManager.Actions a = r.onBar(ms("2024-01-09T11:00:00Z"), 10_000, List.of(LONG), Map.of("EURUSD", 1.1030),
                s -> 1e-4);
        // Best bid 1.1030, trail 20 pips: stop 1.1010, above the current 1.0950.
        assertThat(a.newStops().get("p1")).isCloseTo(1.1010, within(1e-12));
        Position moved = new Position("p1", "EURUSD", Side.BUY, 1, 1.1, 1.1010, null, LONG.openedAt(), 0, 0);
        // The price falls back: the trail never loosens.
        assertThat(r.onBar(ms("2024-01-09T11:30:00Z"), 10_000, List.of(moved), Map.of("EURUSD", 1.1015), s -> 1e-4)
                .newStops()).isEmpty();
        assertThat(r.onBar(ms("2024-01-09T12:00:00Z"), 10_000, List.of(moved), Map.of("EURUSD", 1.1015), s -> 1e-4)
                .close()).containsExactly("p1");
    }
}
