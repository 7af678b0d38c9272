package com.forexdiffusion.trading.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UncertaintyEffectsTest {
    @Test
    void percentilesInterpolateAndCountsFollowTheirDefinitions() {
        UncertaintyEffects e = new UncertaintyEffects();
        // u = 5, 1, 4, 2, 3: sorted 1..5; p10 at position 0.4 → 1.4, p50 → 3, p90 at position 3.6 → 4.6.
        double[] u = {5, 1, 4, 2, 3};
        for (int i = 0; i < u.length; i++) {
            // Penalty applied to the first three; it changed the filter outcome of the first only.
            e.signal(u[i], i < 3, true, i != 0);
        }
        e.sized(0.4, 1.0);   // reduced
        e.sized(0, 1.0);     // rejected by uncertainty sizing
        e.sized(1.0, 1.0);   // unchanged
        e.sized(0, 0);       // rejected either way: not uncertainty's doing
        UncertaintyEffects.Summary s = e.summary();
        assertThat(s.signals()).isEqualTo(5);
        assertThat(s.uP10()).isCloseTo(1.4, within(1e-12));
        assertThat(s.uP50()).isCloseTo(3, within(1e-12));
        assertThat(s.uP90()).isCloseTo(4.6, within(1e-12));
        assertThat(s.penaltyApplied()).isEqualTo(3);
        assertThat(s.penaltyRejected()).isEqualTo(1);
        assertThat(s.sized()).isEqualTo(4);
        assertThat(s.sizingReduced()).isEqualTo(1);
        assertThat(s.sizingRejected()).isEqualTo(1);
        assertThat(new UncertaintyEffects().summary().uP50()).isNaN();
    }
}
