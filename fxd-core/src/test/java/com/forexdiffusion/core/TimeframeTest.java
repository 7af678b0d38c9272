package com.forexdiffusion.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeframeTest {
    private static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void parsesCanonicalAndShortNames() {
        assertThat(Timeframe.parse("M5")).isEqualTo(Timeframe.M5);
        assertThat(Timeframe.parse("m15")).isEqualTo(Timeframe.M15);
        assertThat(Timeframe.parse("1h")).isEqualTo(Timeframe.H1);
        assertThat(Timeframe.parse("4H")).isEqualTo(Timeframe.H4);
        assertThat(Timeframe.parse("D")).isEqualTo(Timeframe.D1);
        assertThat(Timeframe.parse("MN1")).isEqualTo(Timeframe.MN1);
    }

    @Test
    void unknownTimeframeNamesTheValue() {
        assertThatThrownBy(() -> Timeframe.parse("M7"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("'M7'")
                .hasMessageContaining("timeframe");
    }

    @Test
    void alignsDownToTheBarOpen() {
        assertThat(Timeframe.M5.alignDown(ms("2024-03-01T10:07:59Z"))).isEqualTo(ms("2024-03-01T10:05:00Z"));
        assertThat(Timeframe.H4.alignDown(ms("2024-03-01T11:59:00Z"))).isEqualTo(ms("2024-03-01T08:00:00Z"));
        assertThat(Timeframe.D1.alignDown(ms("2024-03-01T23:59:00Z"))).isEqualTo(ms("2024-03-01T00:00:00Z"));
        // 2024-03-07 is a Thursday; its week opened on Monday 2024-03-04.
        assertThat(Timeframe.W1.alignDown(ms("2024-03-07T12:00:00Z"))).isEqualTo(ms("2024-03-04T00:00:00Z"));
        assertThat(Timeframe.MN1.alignDown(ms("2024-02-29T12:00:00Z"))).isEqualTo(ms("2024-02-01T00:00:00Z"));
        assertThat(Timeframe.MN1.next(ms("2024-02-01T00:00:00Z"))).isEqualTo(ms("2024-03-01T00:00:00Z"));
        // Before the epoch the floor, not the truncation, must be used.
        assertThat(Timeframe.H1.alignDown(ms("1969-12-31T23:30:00Z"))).isEqualTo(ms("1969-12-31T23:00:00Z"));
    }

    @Test
    void dividesOnlyWholeMultiples() {
        assertThat(Timeframe.M1.divides(Timeframe.H4)).isTrue();
        assertThat(Timeframe.M5.divides(Timeframe.M15)).isTrue();
        assertThat(Timeframe.M15.divides(Timeframe.M10)).isFalse();
        assertThat(Timeframe.H4.divides(Timeframe.MN1)).isTrue();
        assertThat(Timeframe.MN1.divides(Timeframe.W1)).isFalse();
    }

    private static long at(String iso) {
        return java.time.Instant.parse(iso).toEpochMilli();
    }

    @Test
    void newYorkAlignedDaysOpenAtTheRolloverAndLast23Or25HoursAtDaylightSavingChanges() {
        assertThat(Timeframe.parse("d1-ny")).isEqualTo(Timeframe.D1_NY);
        assertThat(Timeframe.parse("D1NY")).isEqualTo(Timeframe.D1_NY);
        assertThat(Timeframe.parse("h4_ny")).isEqualTo(Timeframe.H4_NY);
        // Winter: 17:00 EST = 22:00 UTC; summer: 17:00 EDT = 21:00 UTC.
        assertThat(Timeframe.D1_NY.alignDown(at("2024-01-03T21:59:00Z"))).isEqualTo(at("2024-01-02T22:00:00Z"));
        assertThat(Timeframe.D1_NY.alignDown(at("2024-01-03T22:00:00Z"))).isEqualTo(at("2024-01-03T22:00:00Z"));
        assertThat(Timeframe.D1_NY.alignDown(at("2024-07-03T21:30:00Z"))).isEqualTo(at("2024-07-03T21:00:00Z"));
        // DST began Sunday 2024-03-10: the session opening that Sunday at 21:00 UTC lasts 24 h, the one opening
        // Saturday 22:00 UTC (no trading, but a slot) lasts 23 h.
        assertThat(Timeframe.D1_NY.next(at("2024-03-09T22:00:00Z"))).isEqualTo(at("2024-03-10T21:00:00Z"));
        assertThat(Timeframe.H4_NY.alignDown(at("2024-01-04T03:30:00Z"))).isEqualTo(at("2024-01-04T02:00:00Z"));
        assertThat(Timeframe.H4_NY.next(at("2024-01-04T02:00:00Z"))).isEqualTo(at("2024-01-04T06:00:00Z"));
        assertThat(Timeframe.D1_NY.isFixedLength()).isFalse();
        assertThat(Timeframe.H1.divides(Timeframe.D1_NY)).isTrue();
        assertThat(Timeframe.H4.divides(Timeframe.D1_NY)).isFalse();
        assertThat(Timeframe.H4_NY.divides(Timeframe.D1_NY)).isTrue();
        assertThat(Timeframe.D1_NY.divides(Timeframe.W1)).isFalse();
        assertThat(Timeframe.D1.newYorkClose()).isEqualTo(Timeframe.D1_NY);
        assertThat(new Horizon(2880).bars(Timeframe.D1_NY)).isEqualTo(2);
    }
}
