package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Instrument;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.CandleStore;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.StoredConflictException;
import com.forexdiffusion.data.validation.RowValidator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Imports candle files into a {@link CandleStore} (SPEC §2). One call is one transaction: in strict mode the
 * first bad row fails the call and nothing is stored; with skip-bad the bad rows go to a reject report per
 * file and the good rows are stored. Files are streamed, never loaded whole.
 */
public final class CandleImporter {
    /** Rows between progress reports. */
    static final int PROGRESS_EVERY = 50_000;
    /** Rows examined to infer a timeframe that neither option nor file name gives. */
    static final int INFER_ROWS = 1000;
    private static final int DETECT_LINES = 5;

    private final InstrumentCatalog catalog;
    private final CandleStore store;

    public CandleImporter(InstrumentCatalog catalog, CandleStore store) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Imports {@code files} as one transaction.
     *
     * @throws BadInputException for a missing, empty or unreadable file, an unknown format or symbol and, in
     *                           strict mode, the first bad row (naming file, line and field)
     */
    public ImportResult importFiles(List<Path> files, ImportOptions options, ProgressListener progress) {
        Objects.requireNonNull(options, "options");
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        if (files == null || files.isEmpty()) {
            throw BadInputException.ofField("files", "no files to import");
        }
        // Everything that can be told without reading rows is checked before the transaction opens.
        List<Plan> plans = new ArrayList<>();
        long totalBytes = 0;
        for (Path file : files) {
            Plan plan = plan(file, options);
            plans.add(plan);
            totalBytes += plan.input().size();
        }
        Progress tracker = new Progress(listener, totalBytes);
        List<RejectReport> reports = new ArrayList<>();
        try {
            List<FileSink> done = new ArrayList<>();
            try (CandleWriter writer = store.writer(options.onConflict())) {
                for (Plan plan : plans) {
                    RejectReport report = new RejectReport(options.rejectsDir(), plan.input().name());
                    reports.add(report);
                    done.add(importOne(plan, options, writer, tracker, report));
                }
                writer.commit();
            }
            tracker.finish();
            List<FileImportResult> results = new ArrayList<>();
            for (int i = 0; i < done.size(); i++) {
                results.add(done.get(i).result(publish(reports.get(i))));
            }
            return new ImportResult(results);
        } finally {
            reports.forEach(RejectReport::close);
        }
    }

    /**
     * Parses one file without validating or storing anything, delivering every row to {@code sink}: the
     * measure of raw parse speed, and a way to stream a file elsewhere. Uses the format and source zone of
     * {@code options} (null = detect, format default).
     *
     * @return the rows delivered
     */
    public static long parse(Path file, ImportOptions options, RowSink sink) {
        InputFile input = InputFile.of(file);
        CandleFormat format = options.format() != null ? options.format()
                : FormatDetector.detect(input.source(), input.firstLines(DETECT_LINES));
        try (InputStream in = input.open()) {
            return new CandleReader(input.source(), in, format, options.sourceZone()).readAll(sink);
        } catch (IOException e) {
            throw new FxdException(input.source() + ": read failed: " + e.getMessage(), e);
        }
    }

    /** What one file is and will be stored as. {@code timeframe} null means: infer from the data. */
    private record Plan(InputFile input, CandleFormat format, String symbol, Timeframe timeframe) {
    }

    private Plan plan(Path file, ImportOptions options) {
        InputFile input = InputFile.of(file);
        CandleFormat format = options.format() != null ? options.format()
                : FormatDetector.detect(input.source(), input.firstLines(DETECT_LINES));
        FileNameHints hints = FileNameHints.of(input.name(), catalog);
        if (input.entryName() != null) {
            hints = FileNameHints.of(input.entryName(), catalog).or(hints);
        }
        String symbol;
        if (options.symbol() != null) {
            symbol = catalog.resolve(options.symbol()).symbol();
            if (hints.symbol() != null && !hints.symbol().equals(symbol)) {
                throw BadInputException.ofSource(input.name(), "the file name says " + hints.symbol()
                        + " but the symbol option says " + symbol + "; rename the file or correct the option");
            }
        } else if (hints.symbol() != null) {
            if (!catalog.contains(hints.symbol())) {
                throw BadInputException.ofSource(input.name(), "unknown symbol '" + hints.symbol()
                        + "' (taken from the file name); add it to the instrument config or pass a known --symbol");
            }
            symbol = catalog.resolve(hints.symbol()).symbol();
        } else {
            throw BadInputException.ofSource(input.name(), "cannot tell the symbol from the file name; pass --symbol");
        }
        Timeframe tf = options.timeframe();
        if (tf != null && hints.timeframe() != null && hints.timeframe() != tf) {
            throw BadInputException.ofSource(input.name(), "the file name says timeframe " + hints.timeframe()
                    + " but the timeframe option says " + tf + "; rename the file or correct the option");
        }
        return new Plan(input, format, symbol, tf != null ? tf : hints.timeframe());
    }

    private static FileSink importOne(Plan plan, ImportOptions options, CandleWriter writer, Progress progress,
                                      RejectReport report) {
        InputFile input = plan.input();
        try (InputStream in = input.open()) {
            CandleReader reader = new CandleReader(input.source(), in, plan.format(), options.sourceZone());
            FileSink sink = new FileSink(plan, options, writer, reader, progress, report);
            progress.startFile(reader);
            reader.readAll(sink);
            sink.finish();
            progress.endFile(input.size());
            return sink;
        } catch (IOException e) {
            throw new FxdException(input.source() + ": read failed: " + e.getMessage(), e);
        }
    }

    private static Path publish(RejectReport report) {
        try {
            return report.publish();
        } catch (IOException e) {
            throw new FxdException("the rows were stored, but the reject report " + report.target()
                    + " could not be written: " + e.getMessage(), e);
        }
    }

    /** Validates, aligns and stores the rows of one file; in skip-bad mode it also collects the rejects. */
    private static final class FileSink implements RowSink {
        private final Plan plan;
        private final String source;
        private final boolean skipBad;
        private final CandleWriter writer;
        private final CandleReader reader;
        private final Progress progress;
        private final RejectReport report;
        private final RowValidator validator;
        private Timeframe tf;
        private final double point;
        private long rowsRead;
        private long stored;
        private long rejected;
        private final long replacedBefore;
        private final long skippedBefore;
        private long replacedHere;
        private long skippedHere;
        private long firstTs = Long.MAX_VALUE;
        private long lastTs = Long.MIN_VALUE;
        // Rows held back until the timeframe is inferred from them.
        private long[] bufLine;
        private long[] bufTs;
        private double[] bufValues;
        private String[] bufRaw;
        private int buffered;

        FileSink(Plan plan, ImportOptions options, CandleWriter writer, CandleReader reader, Progress progress,
                 RejectReport report) {
            this.plan = plan;
            this.source = plan.input().source();
            this.skipBad = options.skipBad();
            this.writer = writer;
            this.reader = reader;
            this.progress = progress;
            this.report = report;
            this.validator = new RowValidator(source, options.onConflict());
            this.tf = plan.timeframe();
            this.point = pointOf(plan.symbol());
            this.replacedBefore = writer.replaced();
            this.skippedBefore = writer.skipped();
            if (tf == null) {
                bufLine = new long[INFER_ROWS];
                bufTs = new long[INFER_ROWS];
                bufValues = new double[INFER_ROWS * 6];
                bufRaw = new String[INFER_ROWS];
            }
        }

        @Override
        public void row(long line, long ts, double open, double high, double low, double close, double volume) {
            row(line, ts, open, high, low, close, volume, Double.NaN);
        }

        @Override
        public void row(long line, long ts, double open, double high, double low, double close, double volume,
                        double spread) {
            rowsRead++;
            progress.tick();
            if (tf != null) {
                accept(line, ts, open, high, low, close, volume, spread, null);
                return;
            }
            bufLine[buffered] = line;
            bufTs[buffered] = ts;
            int k = buffered * 6;
            bufValues[k] = open;
            bufValues[k + 1] = high;
            bufValues[k + 2] = low;
            bufValues[k + 3] = close;
            bufValues[k + 4] = volume;
            bufValues[k + 5] = spread;
            bufRaw[buffered] = reader.currentLineText();
            if (++buffered == INFER_ROWS) {
                inferTimeframeAndReplay();
            }
        }

        @Override
        public void rejected(BadInputException error, String rawText) {
            rowsRead++;
            progress.tick();
            reject(error, rawText);
        }

        private void reject(BadInputException error, String rawText) {
            if (!skipBad) {
                throw error;
            }
            rejected++;
            report.add(error, rawText);
        }

        private void accept(long line, long ts, double o, double h, double l, double c, double v, double spread,
                            String raw) {
            try {
                double sp = spreadInPrice(line, spread);
                if (tf.alignDown(ts) != ts) {
                    throw new BadInputException(source, line, "time", Instant.ofEpochMilli(ts)
                            + " (UTC) is not the open time of a " + tf + " bar: bar times must be whole multiples "
                            + "of the timeframe in UTC" + (tf.minutes() >= 60 ? "; check the source zone" : ""));
                }
                switch (validator.check(line, ts, o, h, l, c, v)) {
                    case ACCEPT -> {
                        long skipped = writer.skipped();
                        writer.add(plan.symbol(), tf, ts, o, h, l, c, v, plan.input().name(), 0, sp);
                        if (writer.skipped() == skipped) {
                            stored++;
                            firstTs = Math.min(firstTs, ts);
                            lastTs = Math.max(lastTs, ts);
                        }
                    }
                    case REPLACE -> writer.add(plan.symbol(), tf, ts, o, h, l, c, v, plan.input().name(), 0, sp);
                    case DUPLICATE -> { }
                }
            } catch (StoredConflictException e) {
                reject(new BadInputException(source, line, "time", e.getMessage()),
                        raw != null ? raw : reader.currentLineText());
            } catch (BadInputException e) {
                reject(e, raw != null ? raw : reader.currentLineText());
            }
        }

        /**
         * The row's spread in quote currency (NaN when the file states none). MetaTrader 5 states points: 10^-digits
         * of the symbol (0.00001 for EURUSD, 0.001 for USDJPY; for a symbol the catalog does not know, the 5- and
         * 3-digit quoting of today's brokers).
         */
        private double spreadInPrice(long line, double spread) {
            if (Double.isNaN(spread)) {
                return spread;
            }
            if (!(spread >= 0) || Double.isInfinite(spread)) {
                throw new BadInputException(source, line, "spread", spread + " is not a spread (it must be 0 or more)");
            }
            return reader.spreadInPoints() ? spread * point : spread;
        }

        private void inferTimeframeAndReplay() {
            long step = Long.MAX_VALUE;
            for (int i = 1; i < buffered; i++) {
                long d = bufTs[i] - bufTs[i - 1];
                if (d > 0 && d < step) {
                    step = d;
                }
            }
            if (step == Long.MAX_VALUE) {
                throw BadInputException.ofSource(source, "cannot infer the timeframe: the file name does not say it "
                        + "and the first rows hold no two distinct times; pass --timeframe");
            }
            for (Timeframe candidate : Timeframe.values()) {
                if (candidate.isFixedLength() && candidate.millis() == step) {
                    tf = candidate;
                }
            }
            if (tf == null) {
                throw BadInputException.ofSource(source, "cannot infer the timeframe: the smallest step between the "
                        + "first " + buffered + " rows is " + (step / 1000.0) + " s, which is no timeframe; "
                        + "pass --timeframe");
            }
            for (int i = 0; i < buffered; i++) {
                int k = i * 6;
                accept(bufLine[i], bufTs[i], bufValues[k], bufValues[k + 1], bufValues[k + 2], bufValues[k + 3],
                        bufValues[k + 4], bufValues[k + 5], bufRaw[i]);
            }
            bufLine = null;
            bufTs = null;
            bufValues = null;
            bufRaw = null;
        }

        void finish() {
            if (tf == null) {
                inferTimeframeAndReplay();
            }
            if (rowsRead == 0) {
                throw BadInputException.ofSource(source, "the file has a header but no rows");
            }
            replacedHere = writer.replaced() - replacedBefore;
            skippedHere = validator.skipped() + writer.skipped() - skippedBefore;
        }

        FileImportResult result(Path rejectReport) {
            return new FileImportResult(plan.input().path(), plan.format(), plan.symbol(), tf,
                    reader.zoneDescription(), rowsRead, stored, validator.duplicates(), validator.replaced(),
                    rejected, replacedHere, skippedHere, stored == 0 ? null : Instant.ofEpochMilli(firstTs),
                    stored == 0 ? null : Instant.ofEpochMilli(lastTs), rejectReport);
        }
    }

    /** A MetaTrader point of the symbol: 10^-digits. */
    private static double pointOf(String symbol) {
        InstrumentCatalog catalog = InstrumentCatalog.builtIn();
        int digits = catalog.contains(symbol) ? catalog.resolve(symbol).digits()
                : Instrument.normalise(symbol).endsWith("JPY") ? 3 : 5;
        return Math.pow(10, -digits);
    }

    /** Row counts across all files, with the total estimated from the bytes read so far. */
    private static final class Progress {
        private final ProgressListener listener;
        private final long totalBytes;
        private long bytesDoneBefore;
        private CandleReader current;
        private long rows;

        Progress(ProgressListener listener, long totalBytes) {
            this.listener = listener;
            this.totalBytes = Math.max(1, totalBytes);
        }

        void startFile(CandleReader reader) {
            current = reader;
        }

        void endFile(long size) {
            bytesDoneBefore += size;
            current = null;
        }

        void tick() {
            if (++rows % PROGRESS_EVERY == 0) {
                long bytes = bytesDoneBefore + (current == null ? 0 : current.bytesRead());
                long estimate = bytes <= 0 ? -1 : Math.max(rows, (long) ((double) rows * totalBytes / bytes));
                listener.update(rows, estimate);
            }
        }

        void finish() {
            listener.update(rows, rows);
        }
    }
}
