package com.forexdiffusion.ctrader;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.client.TrendbarPrices;
import com.xtrader.protocol.openapi.v2.model.ProtoOATrendbar;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §9 prices: low / 1e5 and (low + delta) / 1e5, checked against values worked out by hand. */
class TrendbarPricesTest {
    @Test
    void decodesLowPlusDeltasInHundredThousandths() {
        ProtoOATrendbar t = ProtoOATrendbar.newBuilder().setLow(112_340).setDeltaOpen(5).setDeltaHigh(12)
                .setDeltaClose(3).setVolume(42).setUtcTimestampInMinutes(28_496_160).build();
        Bar b = TrendbarPrices.toBar(t);
        // 28 496 160 minutes = 19 789 days × 1440 after the epoch: 2024-01-01 is day 19 723, + 66 days is 2024-03-07.
        assertThat(b.time()).isEqualTo(Instant.parse("2024-03-07T00:00:00Z"));
        assertThat(b.open()).isEqualTo(1.12345);
        assertThat(b.high()).isEqualTo(1.12352);
        assertThat(b.low()).isEqualTo(1.1234);
        assertThat(b.close()).isEqualTo(1.12343);
        assertThat(b.volume()).isEqualTo(42);
    }

    @Test
    void aJpyPriceAndTheRoundTripOfABarOnTheGrid() {
        Bar yen = new Bar(Instant.parse("2024-03-07T13:05:00Z").toEpochMilli(), 149.812, 149.9, 149.705, 149.77, 7);
        ProtoOATrendbar t = TrendbarPrices.fromBar(yen, Timeframe.M5);
        assertThat(t.getLow()).isEqualTo(14_970_500);
        assertThat(t.getDeltaOpen()).isEqualTo(10_700);
        assertThat(t.getDeltaHigh()).isEqualTo(19_500);
        assertThat(t.getDeltaClose()).isEqualTo(6_500);
        assertThat(TrendbarPrices.toBar(t)).isEqualTo(yen);
    }
}
