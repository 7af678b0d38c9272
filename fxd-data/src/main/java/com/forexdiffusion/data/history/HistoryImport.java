package com.forexdiffusion.data.history;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.FxMarketHours;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.validation.ConflictPolicy;
import com.forexdiffusion.data.validation.RowValidator;

import java.time.Instant;
import java.util.Objects;

/**
 * Stores the bars of a {@link HistorySource} through the same validation and store as file imports (SPEC §2): each
 * bar is checked by {@link RowValidator} (prices, high/low enclosure, strictly increasing times, duplicates) and must
 * open on a timeframe boundary. Every batch is one transaction, so an interrupted fetch keeps the batches before it
 * and a fetch of the same range again changes nothing (upsert).
 */
public final class HistoryImport {
    private final CandleStore store;

    public HistoryImport(CandleStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public HistoryImportResult run(HistorySource source, HistoryRequest request, ProgressListener progress) {
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        long before = store.count(request.symbol(), request.timeframe());
        long started = System.nanoTime();
        Sink sink = new Sink(source.describe(), request, listener);
        source.fetch(request, sink);
        listener.update(sink.fetched, sink.fetched);
        long after = store.count(request.symbol(), request.timeframe());
        return new HistoryImportResult(source.describe(), request, sink.fetched, sink.stored, after - before,
                sink.validator.duplicates(), sink.gaps, sink.missing,
                sink.stored == 0 ? null : Instant.ofEpochMilli(sink.firstTs),
                sink.stored == 0 ? null : Instant.ofEpochMilli(sink.lastTs), (System.nanoTime() - started) / 1e9);
    }

    /** Validates and stores batch by batch; counts gaps between consecutive bars inside trading time. */
    private final class Sink implements HistorySink {
        private final String source;
        private final HistoryRequest request;
        private final ProgressListener progress;
        private final RowValidator validator;
        private long fetched;
        private long stored;
        private long gaps;
        private long missing;
        private long firstTs;
        private long lastTs = Long.MIN_VALUE;

        Sink(String source, HistoryRequest request, ProgressListener progress) {
            this.source = source + " " + request.symbol() + " " + request.timeframe();
            this.request = request;
            this.progress = progress;
            this.validator = new RowValidator(this.source, ConflictPolicy.ERROR);
        }

        @Override
        public void batch(BarSeries bars, long coveredUpToMs) {
            Timeframe tf = request.timeframe();
            try (CandleWriter writer = store.writer()) {
                for (int i = 0; i < bars.size(); i++) {
                    long ts = bars.ts(i);
                    long ordinal = ++fetched;
                    if (tf.alignDown(ts) != ts) {
                        throw new BadInputException(source, ordinal, "time", Instant.ofEpochMilli(ts)
                                + " is not the open time of a " + tf + " bar");
                    }
                    RowValidator.Verdict verdict = validator.check(ordinal, ts, bars.open(i), bars.high(i),
                            bars.low(i), bars.close(i), bars.volume(i));
                    if (verdict == RowValidator.Verdict.ACCEPT) {
                        writer.add(request.symbol(), tf, ts, bars.open(i), bars.high(i), bars.low(i), bars.close(i),
                                bars.volume(i), source);
                        count(ts, tf);
                    }
                }
                writer.commit();
            }
            long span = Math.max(1, request.toMs() - request.fromMs());
            double share = Math.min(1.0, Math.max(1e-9, (double) (coveredUpToMs - request.fromMs()) / span));
            progress.update(fetched, Math.max(fetched, (long) (fetched / share)));
        }

        private void count(long ts, Timeframe tf) {
            if (stored == 0) {
                firstTs = ts;
            } else if (FxMarketHours.isSessionGap(lastTs, ts, tf)) {
                gaps++;
                missing += FxMarketHours.missingSessionBars(lastTs, ts, tf);
            }
            lastTs = ts;
            stored++;
        }
    }
}
