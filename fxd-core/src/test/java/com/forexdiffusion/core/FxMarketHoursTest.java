package com.forexdiffusion.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class FxMarketHoursTest {
    private static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void weekClosesFridayAndOpensSundayAtFivePmNewYork() {
        // Winter (EST, UTC-5): the close is at 22:00 UTC.
        assertThat(FxMarketHours.isOpen(ms("2024-01-05T21:59:00Z"))).isTrue();
        assertThat(FxMarketHours.isOpen(ms("2024-01-05T22:00:00Z"))).isFalse();
        assertThat(FxMarketHours.isOpen(ms("2024-01-06T12:00:00Z"))).isFalse();
        assertThat(FxMarketHours.isOpen(ms("2024-01-07T21:59:00Z"))).isFalse();
        assertThat(FxMarketHours.isOpen(ms("2024-01-07T22:00:00Z"))).isTrue();
        // Summer (EDT, UTC-4): 21:00 UTC.
        assertThat(FxMarketHours.isOpen(ms("2024-07-05T20:59:00Z"))).isTrue();
        assertThat(FxMarketHours.isOpen(ms("2024-07-05T21:00:00Z"))).isFalse();
        assertThat(FxMarketHours.isOpen(ms("2024-07-07T21:00:00Z"))).isTrue();
    }

    @Test
    void rolloverAndTradingDate() {
        assertThat(FxMarketHours.rolloverAt(LocalDate.of(2024, 1, 10))).isEqualTo(ms("2024-01-10T22:00:00Z"));
        assertThat(FxMarketHours.rolloverAt(LocalDate.of(2024, 7, 10))).isEqualTo(ms("2024-07-10T21:00:00Z"));
        assertThat(FxMarketHours.tradingDate(ms("2024-01-10T21:59:00Z"))).isEqualTo(LocalDate.of(2024, 1, 10));
        assertThat(FxMarketHours.tradingDate(ms("2024-01-10T22:00:00Z"))).isEqualTo(LocalDate.of(2024, 1, 11));
    }

    @Test
    void aBarIsInSessionOnlyWhenBothEndsAreOpen() {
        assertThat(FxMarketHours.barIsInSession(ms("2024-01-05T21:00:00Z"), Timeframe.H1)).isTrue();
        assertThat(FxMarketHours.barIsInSession(ms("2024-01-05T21:30:00Z"), Timeframe.H1)).isFalse();
    }
}
