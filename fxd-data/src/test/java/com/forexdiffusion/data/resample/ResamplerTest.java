package com.forexdiffusion.data.resample;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResamplerTest {
    static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void m1ToM5ByHandWithAMissingMinute() {
        long t = ms("2024-01-03T10:00:00Z");
        BarSeries m1 = BarSeries.builder("EURUSD", Timeframe.M1, 8)
                .add(t, 1.0, 1.5, 0.9, 1.2, 10)
                .add(t + 60_000, 1.2, 1.3, 0.8, 1.1, 5)
                // 10:02 missing
                .add(t + 180_000, 1.1, 1.9, 1.0, 1.4, 1)
                .add(t + 240_000, 1.4, 1.4, 1.3, 1.35, 2)
                .add(t + 300_000, 1.35, 1.36, 1.2, 1.25, 7)   // next bucket
                .add(t + 540_000, 1.25, 1.3, 1.1, 1.15, 3)
                .build();
        BarSeries m5 = Resampler.resample(m1, Timeframe.M5);
        assertThat(m5.size()).isEqualTo(2);
        assertThat(m5.bar(0)).isEqualTo(new Bar(t, 1.0, 1.9, 0.8, 1.35, 18));
        assertThat(m5.bar(1)).isEqualTo(new Bar(t + 300_000, 1.35, 1.36, 1.1, 1.15, 10));
        assertThat(m5.timeframe()).isEqualTo(Timeframe.M5);
    }

    @Test
    void bucketsStartAtTheAlignedTimeEvenWhenTheFirstMinutesAreMissing() {
        BarSeries m1 = BarSeries.builder("EURUSD", Timeframe.M1, 4)
                .add(ms("2024-01-03T10:37:00Z"), 1, 2, 0.5, 1.5, 1)
                .add(ms("2024-01-03T10:59:00Z"), 1.5, 1.6, 1.4, 1.45, 1)
                .add(ms("2024-01-03T11:00:00Z"), 1.45, 1.5, 1.4, 1.42, 1)
                .build();
        BarSeries h1 = Resampler.resample(m1, Timeframe.H1);
        assertThat(h1.timestamps()).containsExactly(ms("2024-01-03T10:00:00Z"), ms("2024-01-03T11:00:00Z"));
        assertThat(h1.bar(0)).isEqualTo(new Bar(ms("2024-01-03T10:00:00Z"), 1, 2, 0.5, 1.45, 2));
    }

    @Test
    void aWeekendGapProducesNoEmptyBars() {
        BarSeries m5 = BarSeries.builder("EURUSD", Timeframe.M5, 4)
                .add(ms("2024-01-05T21:50:00Z"), 1, 1.1, 0.9, 1.05, 1)
                .add(ms("2024-01-05T21:55:00Z"), 1.05, 1.2, 1.0, 1.1, 1)
                .add(ms("2024-01-07T22:00:00Z"), 1.1, 1.3, 1.1, 1.2, 1)
                .add(ms("2024-01-07T23:55:00Z"), 1.2, 1.25, 1.15, 1.22, 1)
                .build();
        BarSeries h4 = Resampler.resample(m5, Timeframe.H4);
        assertThat(h4.timestamps()).containsExactly(ms("2024-01-05T20:00:00Z"), ms("2024-01-07T20:00:00Z"));
        assertThat(h4.bar(1)).isEqualTo(new Bar(ms("2024-01-07T20:00:00Z"), 1.1, 1.3, 1.1, 1.22, 2));
    }

    @Test
    void dailyBarsAtMidnightUtc() {
        BarSeries h1 = BarSeries.builder("EURUSD", Timeframe.H1, 4)
                .add(ms("2024-01-03T22:00:00Z"), 1, 1.1, 0.9, 1.0, 1)
                .add(ms("2024-01-03T23:00:00Z"), 1.0, 1.2, 0.95, 1.1, 2)
                .add(ms("2024-01-04T00:00:00Z"), 1.1, 1.15, 1.05, 1.12, 3)
                .build();
        BarSeries d1 = Resampler.resample(h1, Timeframe.D1);
        assertThat(d1.bar(0)).isEqualTo(new Bar(ms("2024-01-03T00:00:00Z"), 1, 1.2, 0.9, 1.1, 3));
        assertThat(d1.bar(1)).isEqualTo(new Bar(ms("2024-01-04T00:00:00Z"), 1.1, 1.15, 1.05, 1.12, 3));
    }

    @Test
    void dailyBarsAtTheNewYorkCloseInWinterAndSummer() {
        // Winter: 17:00 EST = 22:00 UTC. Summer: 17:00 EDT = 21:00 UTC.
        BarSeries h1 = BarSeries.builder("EURUSD", Timeframe.H1, 8)
                .add(ms("2024-01-03T21:00:00Z"), 1, 1.1, 0.9, 1.0, 1)
                .add(ms("2024-01-03T22:00:00Z"), 1.0, 1.2, 0.95, 1.1, 2)
                .add(ms("2024-01-04T21:00:00Z"), 1.1, 1.15, 1.05, 1.12, 3)
                .add(ms("2024-07-03T20:00:00Z"), 2, 2.1, 1.9, 2.0, 1)
                .add(ms("2024-07-03T21:00:00Z"), 2.0, 2.2, 1.95, 2.1, 2)
                .build();
        BarSeries d1 = Resampler.resample(h1, Timeframe.D1, Resampler.Alignment.NEW_YORK_CLOSE);
        assertThat(d1.timestamps()).containsExactly(ms("2024-01-02T22:00:00Z"), ms("2024-01-03T22:00:00Z"),
                ms("2024-07-02T21:00:00Z"), ms("2024-07-03T21:00:00Z"));
        assertThat(d1.bar(1)).isEqualTo(new Bar(ms("2024-01-03T22:00:00Z"), 1.0, 1.2, 0.95, 1.12, 5));
        assertThat(d1.timeframe()).isEqualTo(Timeframe.D1_NY);
    }

    @Test
    void missingMinutesCountOnlyTradingTimeThatNoSourceBarCovers() {
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M1, 2000);
        // Wednesday 10:00..10:59 UTC without 10:30 (one minute missing).
        for (int m = 0; m < 60; m++) {
            if (m != 30) {
                b.add(ms("2024-01-03T10:00:00Z") + m * 60_000L, 1, 1, 1, 1, 1);
            }
        }
        // Friday 21:00..21:59 UTC, the last hour before the 22:00 UTC (17:00 EST) close: complete.
        for (int m = 0; m < 60; m++) {
            b.add(ms("2024-01-05T21:00:00Z") + m * 60_000L, 1, 1, 1, 1, 1);
        }
        Resampler.Resampled h1 = Resampler.resampleCounted(b.build(), Timeframe.H1, Resampler.Alignment.UTC);
        assertThat(h1.missingMinutes()).containsExactly(1, 0);
        assertThat(h1.partial()).isEqualTo(1);
        // The Friday UTC day: 00:00..20:59 missing (21 h of trading time); the 2 hours after the close do not count.
        Resampler.Resampled d1 = Resampler.resampleCounted(b.build(), Timeframe.D1, Resampler.Alignment.UTC);
        assertThat(d1.missingMinutes()).containsExactly(1440 - 59, 21 * 60);
    }

    @Test
    void aDaylightSavingDayLastsTwentyThreeHours() {
        // US DST began Sunday 2024-03-10: the session opening Sunday 17:00 EDT (21:00 UTC) follows the one that
        // opened Friday 17:00 EST (22:00 UTC), so no bar may swallow the first EDT hour.
        BarSeries h1 = BarSeries.builder("EURUSD", Timeframe.H1, 4)
                .add(ms("2024-03-08T22:00:00Z"), 1, 1.1, 0.9, 1.0, 1)
                .add(ms("2024-03-10T21:00:00Z"), 1.0, 1.2, 0.95, 1.1, 2)
                .build();
        BarSeries d1 = Resampler.resample(h1, Timeframe.D1, Resampler.Alignment.NEW_YORK_CLOSE);
        assertThat(d1.timestamps()).containsExactly(ms("2024-03-08T22:00:00Z"), ms("2024-03-10T21:00:00Z"));
    }

    @Test
    void theTargetMustBeALargerMultiple() {
        BarSeries m15 = BarSeries.builder("EURUSD", Timeframe.M15, 1).add(0, 1, 1, 1, 1, 0).build();
        assertThatThrownBy(() -> Resampler.resample(m15, Timeframe.M10))
                .isInstanceOf(BadInputException.class).hasMessageContaining("M15").hasMessageContaining("M10");
        assertThatThrownBy(() -> Resampler.resample(m15, Timeframe.M5)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Resampler.Alignment.parse("tokyo")).hasMessageContaining("'tokyo'");
    }
}
