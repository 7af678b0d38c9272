package com.forexdiffusion.data.history;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryImportTest {
    /** Wednesday 2024-03-06 10:00 UTC: inside the FX week. */
    static final long T0 = Instant.parse("2024-03-06T10:00:00Z").toEpochMilli();
    static final long M = 60_000L;

    @TempDir
    Path dir;

    /** Hands out fixed batches. */
    record Batches(List<BarSeries> batches) implements HistorySource {
        @Override
        public String describe() {
            return "test source";
        }

        @Override
        public void fetch(HistoryRequest request, HistorySink sink) {
            for (BarSeries b : batches) {
                sink.batch(b, b.isEmpty() ? request.fromMs() : b.lastTs());
            }
        }
    }

    private static BarSeries bars(long... minutes) {
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M1, minutes.length);
        for (long m : minutes) {
            b.add(T0 + m * M, 1.1, 1.1002, 1.0999, 1.1001, 10);
        }
        return b.build();
    }

    @Test
    void storesEveryBatchCountsGapsInsideTheSessionAndIsIdempotent() {
        try (Database db = Database.open("sqlite:" + dir.resolve("h.db"))) {
            Batches src = new Batches(List.of(bars(0, 1, 2), bars(3, 7), bars(8)));
            HistoryRequest req = new HistoryRequest("EURUSD", Timeframe.M1, T0, T0 + 9 * M);
            HistoryImportResult r = new HistoryImport(db.candles()).run(src, req, null);
            assertThat(r.fetched()).isEqualTo(6);
            assertThat(r.stored()).isEqualTo(6);
            assertThat(r.newRows()).isEqualTo(6);
            // 3 -> 7 misses minutes 4, 5, 6 on a Wednesday: one gap of three bars.
            assertThat(r.gaps()).isEqualTo(1);
            assertThat(r.missingBars()).isEqualTo(3);
            assertThat(r.first()).isEqualTo(Instant.ofEpochMilli(T0));
            assertThat(r.last()).isEqualTo(Instant.ofEpochMilli(T0 + 8 * M));
            HistoryImportResult again = new HistoryImport(db.candles()).run(src, req, null);
            assertThat(again.newRows()).isZero();
            assertThat(db.candles().count("EURUSD", Timeframe.M1)).isEqualTo(6);
        }
    }

    @Test
    void aBadBarFailsNamingSourceAndFieldAndKeepsTheEarlierBatches() {
        BarSeries bad = BarSeries.of("EURUSD", Timeframe.M1, new long[] {T0 + 5 * M, T0 + 6 * M},
                new double[] {1.1, 1.1}, new double[] {1.1002, 1.0990}, new double[] {1.0999, 1.0999},
                new double[] {1.1001, 1.1}, new double[] {1, 1});
        try (Database db = Database.open("sqlite:" + dir.resolve("h.db"))) {
            Batches src = new Batches(List.of(bars(0, 1, 2), bad));
            assertThatThrownBy(() -> new HistoryImport(db.candles()).run(src,
                    new HistoryRequest("EURUSD", Timeframe.M1, T0, T0 + 9 * M), null))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("test source EURUSD M1")
                    .hasMessageContaining("high");
            // The first batch was committed; of the bad batch nothing (not even its good first bar) is stored.
            assertThat(db.candles().count("EURUSD", Timeframe.M1)).isEqualTo(3);
        }
    }

    @Test
    void theEndDateRuleEndsTodayNowAndOtherDaysAtTheLastMillisecond() {
        InstantSource clock = InstantSource.fixed(Instant.parse("2024-03-06T12:34:30Z"));
        HistoryRequest today = HistoryRequest.ofDates("EURUSD", Timeframe.M1, LocalDate.of(2024, 3, 1),
                LocalDate.of(2024, 3, 6), clock);
        assertThat(today.fromMs()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z").toEpochMilli());
        assertThat(today.toMs()).isEqualTo(Instant.parse("2024-03-06T12:34:30Z").toEpochMilli());
        HistoryRequest past = HistoryRequest.ofDates("EURUSD", Timeframe.M1, LocalDate.of(2024, 3, 1),
                LocalDate.of(2024, 3, 5), clock);
        assertThat(past.toMs()).isEqualTo(Instant.parse("2024-03-05T23:59:59.999Z").toEpochMilli());
        assertThatThrownBy(() -> HistoryRequest.ofDates("EURUSD", Timeframe.M1, LocalDate.of(2024, 3, 1),
                LocalDate.of(2024, 3, 7), clock)).isInstanceOf(BadInputException.class).hasMessageContaining("after today");
        assertThatThrownBy(() -> HistoryRequest.ofDates("EURUSD", Timeframe.M1, LocalDate.of(2024, 3, 5),
                LocalDate.of(2024, 3, 4), clock)).isInstanceOf(BadInputException.class).hasMessageContaining("before");
    }
}
