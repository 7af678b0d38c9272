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

    @Test
    void missingSessionBarsIgnoreTheWeekendButCountHolesInTheWeek() {
        // Friday 21:59 UTC to Sunday 22:00 UTC (winter): the market is closed in between.
        assertThat(FxMarketHours.missingSessionBars(ms("2024-01-05T21:59:00Z"), ms("2024-01-07T22:00:00Z"),
                Timeframe.M1)).isZero();
        // Wednesday 10:00 then 10:04: 10:01, 10:02, 10:03 are missing.
        assertThat(FxMarketHours.missingSessionBars(ms("2024-01-03T10:00:00Z"), ms("2024-01-03T10:04:00Z"),
                Timeframe.M1)).isEqualTo(3);
        // Friday 20:00 to Sunday 23:00 in H1: the 21:00 Friday bar and the 22:00 Sunday bar are missing.
        assertThat(FxMarketHours.missingSessionBars(ms("2024-01-05T20:00:00Z"), ms("2024-01-07T23:00:00Z"),
                Timeframe.H1)).isEqualTo(2);
        assertThat(FxMarketHours.missingSessionBars(ms("2024-01-03T10:00:00Z"), ms("2024-01-03T10:01:00Z"),
                Timeframe.M1)).isZero();
    }
}
