package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.validation.ConflictPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CandleImporterTest {
    private static final String HD_OK = """
            20170102 020000;1.051550;1.051970;1.051550;1.051900;0
            20170102 020100;1.052090;1.052100;1.051990;1.052000;0
            20170102 020200;1.052000;1.052100;1.051900;1.052050;0
            """;

    @TempDir
    Path dir;
    private SqliteTestStore store;
    private CandleImporter importer;
    private ImportOptions options;

    @BeforeEach
    void setUp() {
        store = new SqliteTestStore();
        importer = new CandleImporter(InstrumentCatalog.builtIn(), store);
        options = ImportOptions.defaults().withRejectsDir(dir.resolve("rejects"));
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private FileImportResult importOne(Path p, ImportOptions o) {
        return importer.importFiles(List.of(p), o, ProgressListener.NONE).files().getFirst();
    }

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private BadInputException importFails(Path p, ImportOptions o) {
        try {
            importer.importFiles(List.of(p), o, ProgressListener.NONE);
        } catch (BadInputException e) {
            return e;
        }
        throw new AssertionError("import succeeded");
    }

    // ---- formats -------------------------------------------------------------------------------------

    @Test
    void histDataConvertsEstWithoutDstToUtc() throws IOException {
        // A July row: EST stays UTC-5 all year, so 02:00 is 07:00 UTC in summer too.
        Path p = file("DAT_ASCII_EURUSD_M1_201701.csv", HD_OK + "20170703 020000;1.1;1.2;1.0;1.1;0\n");
        FileImportResult r = importOne(p, options);
        assertThat(r.format()).isEqualTo(CandleFormat.HISTDATA);
        assertThat(r.symbol()).isEqualTo("EURUSD");
        assertThat(r.timeframe()).isEqualTo(Timeframe.M1);
        assertThat(r.zone()).contains("-05:00");
        assertThat(r.rowsRead()).isEqualTo(4);
        assertThat(r.rowsStored()).isEqualTo(4);
        assertThat(r.firstTs()).isEqualTo(Instant.parse("2017-01-02T07:00:00Z"));
        assertThat(r.lastTs()).isEqualTo(Instant.parse("2017-07-03T07:00:00Z"));
        BarSeries s = store.readAll("EURUSD", Timeframe.M1);
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.ts(0)).isEqualTo(ms("2017-01-02T07:00:00Z"));
        assertThat(s.open(0)).isEqualTo(1.05155);
        assertThat(s.high(0)).isEqualTo(1.05197);
        assertThat(s.close(1)).isEqualTo(1.052);
        assertThat(store.row("EURUSD", Timeframe.M1, s.ts(0)).source()).isEqualTo("DAT_ASCII_EURUSD_M1_201701.csv");
        assertThat(store.commits).isEqualTo(1);
    }

    @Test
    void readsHistDataZipDirectly() throws IOException {
        Path zip = dir.resolve("HISTDATA_COM_ASCII_EURUSD_M12018.zip");
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("DAT_ASCII_EURUSD_M1_2018.csv"));
            z.write(HD_OK.getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("DAT_ASCII_EURUSD_M1_2018.txt"));
            z.write("HistData.com (c) 2012\n".getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        FileImportResult r = importOne(zip, options);
        assertThat(r.format()).isEqualTo(CandleFormat.HISTDATA);
        assertThat(r.rowsStored()).isEqualTo(3);
        assertThat(r.firstTs()).isEqualTo(Instant.parse("2017-01-02T07:00:00Z"));
        assertThat(store.row("EURUSD", Timeframe.M1, ms("2017-01-02T07:00:00Z")).source())
                .isEqualTo("HISTDATA_COM_ASCII_EURUSD_M12018.zip");
    }

    @Test
    void zipWithoutCsvIsAClearError() throws IOException {
        Path zip = dir.resolve("HISTDATA_COM_ASCII_EURUSD_M12018.zip");
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("x".getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        assertThat(importFails(zip, options).getMessage()).contains("the zip holds no .csv file")
                .contains("readme.txt");
        assertThat(store.totalRows()).isZero();
    }

    @Test
    void dukascopyGmtTime() throws IOException {
        Path p = file("EURUSD_H1_2023_dukascopy_bid_utc.csv", """
                Gmt time,Open,High,Low,Close,Volume
                20.02.2023 00:00:00.000,1.06840,1.06854,1.06728,1.06788,11947.0498
                20.02.2023 01:00:00.000,1.06788,1.06810,1.06733,1.06758,8168.5098
                """);
        FileImportResult r = importOne(p, options);
        assertThat(r.format()).isEqualTo(CandleFormat.DUKASCOPY);
        assertThat(r.timeframe()).isEqualTo(Timeframe.H1);
        assertThat(r.zone()).startsWith("UTC");
        assertThat(r.firstTs()).isEqualTo(Instant.parse("2023-02-20T00:00:00Z"));
        assertThat(r.lastTs()).isEqualTo(Instant.parse("2023-02-20T01:00:00Z"));
        assertThat(store.readAll("EURUSD", Timeframe.H1).volume(0)).isEqualTo(11947.0498);
    }

    @Test
    void dukascopyLocalTimeUsesTheStatedOffsetAndTimeframeIsInferredFromTheData() throws IOException {
        Path p = file("EURUSD_Candlestick_Hour_BID.csv", """
                Local time,Open,High,Low,Close,Volume
                01.01.2020 00:00:00.000 GMT+0200,1.1,1.2,1.0,1.1,5
                01.01.2020 01:00:00.000 GMT+0200,1.1,1.2,1.0,1.1,5
                01.01.2020 03:00:00.000 GMT+0200,1.1,1.2,1.0,1.1,5
                """);
        FileImportResult r = importOne(p, options);
        assertThat(r.format()).isEqualTo(CandleFormat.DUKASCOPY);
        assertThat(r.timeframe()).isEqualTo(Timeframe.H1);
        assertThat(r.zone()).contains("offsets stated in the data");
        assertThat(r.firstTs()).isEqualTo(Instant.parse("2019-12-31T22:00:00Z"));
        assertThat(r.lastTs()).isEqualTo(Instant.parse("2020-01-01T01:00:00Z"));
    }

    @Test
    void metaTrader4DefaultsToUtcAndHonoursTheSourceZone() throws IOException {
        String rows = "2022.08.15,10:06,1.02340,1.02359,1.02340,1.02348,105\r\n"
                + "2022.08.15,10:07,1.02345,1.02348,1.02330,1.02348,104\r\n";
        Path p = file("EURUSD_M1_2022-08-15_2022-10-25_mt4.csv", rows);
        FileImportResult r = importOne(p, options);
        assertThat(r.format()).isEqualTo(CandleFormat.METATRADER);
        assertThat(r.zone()).startsWith("UTC (assumed");
        assertThat(r.firstTs()).isEqualTo(Instant.parse("2022-08-15T10:06:00Z"));
        assertThat(store.readAll("EURUSD", Timeframe.M1).volume(0)).isEqualTo(105);

        SqliteTestStore other = new SqliteTestStore();
        FileImportResult eet = new CandleImporter(InstrumentCatalog.builtIn(), other)
                .importFiles(List.of(p), options.withSourceZone(ImportOptions.parseZone("EET")), ProgressListener.NONE)
                .files().getFirst();
        // EET is UTC+3 in August (summer time).
        assertThat(eet.firstTs()).isEqualTo(Instant.parse("2022-08-15T07:06:00Z"));
        assertThat(eet.zone()).startsWith("EET");
        FileImportResult plus2 = new CandleImporter(InstrumentCatalog.builtIn(), new SqliteTestStore())
                .importFiles(List.of(p), options.withSourceZone(ImportOptions.parseZone("+02:00")),
                        ProgressListener.NONE).files().getFirst();
        assertThat(plus2.firstTs()).isEqualTo(Instant.parse("2022-08-15T08:06:00Z"));
    }

    @Test
    void metaTrader5TabSeparatedWithHeader() throws IOException {
        Path p = file("EURUSD_H1_mt5.csv", """
                <DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>
                2023.01.02\t00:00:00\t1.07010\t1.07100\t1.06900\t1.07000\t1234\t0\t5
                2023.01.02\t01:00\t1.07000\t1.07200\t1.06950\t1.07150\t999\t0\t5
                """);
        FileImportResult r = importOne(p, options);
        assertThat(r.format()).isEqualTo(CandleFormat.METATRADER);
        assertThat(r.rowsStored()).isEqualTo(2);
        BarSeries s = store.readAll("EURUSD", Timeframe.H1);
        assertThat(s.ts(1)).isEqualTo(ms("2023-01-02T01:00:00Z"));
        assertThat(s.volume(0)).isEqualTo(1234);
    }

    /**
     * MetaTrader 5 states spreads in points, 10^-5 for EURUSD and 10^-3 for USDJPY; a CSV's spread column is in quote
     * currency. Both are stored with their bars, and a re-import without spreads keeps them.
     */
    @Test
    void spreadsAreStoredInQuoteCurrencyFromPointsOrPrices() throws IOException {
        Path eur = file("EURUSD_H1_mt5.csv", """
                <DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>
                2023.01.02\t00:00:00\t1.07010\t1.07100\t1.06900\t1.07000\t1234\t0\t7
                2023.01.02\t01:00:00\t1.07000\t1.07200\t1.06950\t1.07150\t999\t0\t12
                """);
        Path jpy = file("USDJPY_H1_mt5.csv", """
                <DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>
                2023.01.02\t00:00:00\t130.100\t130.300\t130.000\t130.200\t10\t0\t15
                """);
        Path csv = file("gbpusd_m5.csv", "time,open,high,low,close,spread\n"
                + "2024-01-02T10:00:00Z,1.27,1.28,1.26,1.275,0.00013\n2024-01-02T10:05:00Z,1.275,1.28,1.27,1.276,0.0002\n");
        importer.importFiles(List.of(eur, jpy, csv), options, ProgressListener.NONE);
        var e = store.spreads("EURUSD", Timeframe.H1, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(e.ts()).containsExactly(ms("2023-01-02T00:00:00Z"), ms("2023-01-02T01:00:00Z"));
        assertThat(e.spread()).containsExactly(new double[]{7e-5, 12e-5}, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(store.spreads("USDJPY", Timeframe.H1, Long.MIN_VALUE, Long.MAX_VALUE).spread())
                .containsExactly(new double[]{0.015}, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(store.spreads("GBPUSD", Timeframe.M5, Long.MIN_VALUE, Long.MAX_VALUE).spread())
                .containsExactly(0.00013, 0.0002);
        Path again = file("EURUSD_H1_again.csv", "time,open,high,low,close,volume\n"
                + "2023-01-02T00:00:00Z,1.0701,1.071,1.069,1.07,1234\n");
        importOne(again, options.withSymbol("EURUSD"));
        assertThat(store.spreads("EURUSD", Timeframe.H1, Long.MIN_VALUE, Long.MAX_VALUE).size()).isEqualTo(2);
    }

    @Test
    void aNegativeSpreadIsRejectedByField() throws IOException {
        Path p = file("gbpusd_m5.csv", "time,open,high,low,close,spread\n2024-01-02T10:00:00Z,1.27,1.28,1.26,1.275,-0.0001\n");
        BadInputException e = importFails(p, options);
        assertThat(e.getMessage()).contains("gbpusd_m5.csv:2").contains("field 'spread'").contains("0 or more");
    }

    @Test
    void genericCsvWithIsoTimesOffsetsAndSemicolons() throws IOException {
        Path p = file("gbpusd_m5.csv", """
                Timestamp;O;H;L;C
                2024-01-02T10:00:00Z;1.27;1.28;1.26;1.275
                2024-01-02 10:05;1.275;1.28;1.27;1.276
                2024-01-02T12:10:00+02:00;1.276;1.28;1.27;1.277
                """);
        FileImportResult r = importOne(p, options);
        assertThat(r.format()).isEqualTo(CandleFormat.GENERIC_CSV);
        assertThat(r.symbol()).isEqualTo("GBPUSD");
        assertThat(r.timeframe()).isEqualTo(Timeframe.M5);
        BarSeries s = store.readAll("GBPUSD", Timeframe.M5);
        assertThat(s.timestamps()).containsExactly(ms("2024-01-02T10:00:00Z"), ms("2024-01-02T10:05:00Z"),
                ms("2024-01-02T10:10:00Z"));
        assertThat(s.volume(0)).isZero();
    }

    @Test
    void genericCsvWithEpochSecondsOrMillis() throws IOException {
        Path secs = file("sec.csv", "time,open,high,low,close,volume\n"
                + "1700000040,1.1,1.2,1.0,1.1,3\n1700000100,1.1,1.2,1.0,1.1,4\n");
        Path millis = file("millis.csv", "ts\topen\thigh\tlow\tclose\n"
                + "1700000040000\t1.1\t1.2\t1.0\t1.1\n1700000100000\t1.1\t1.2\t1.0\t1.1\n");
        ImportResult r = importer.importFiles(List.of(secs, millis),
                options.withSymbol("EURUSD").withTimeframe(Timeframe.M1), ProgressListener.NONE);
        assertThat(r.files()).extracting(FileImportResult::firstTs)
                .containsOnly(Instant.ofEpochSecond(1_700_000_040L));
        assertThat(store.count("EURUSD", Timeframe.M1)).isEqualTo(2);
    }

    @Test
    void formatOptionOverridesDetection() throws IOException {
        Path p = file("EURUSD_M1_x.txt", "20170102 020000;1.1;1.2;1.0;1.1;0\n");
        assertThat(importOne(p, options.withFormat(CandleFormat.HISTDATA)).rowsStored()).isEqualTo(1);
    }

    @Test
    void timeframeOptionAndFileNameMustAgree() throws IOException {
        Path p = file("DAT_ASCII_EURUSD_M1_201701.csv", HD_OK);
        assertThat(importFails(p, options.withTimeframe(Timeframe.H1)).getMessage())
                .contains("file name says timeframe M1").contains("option says H1");
    }

    @Test
    void unalignedTimestampIsAnErrorNamingTheLine() throws IOException {
        Path p = file("EURUSD_M5.csv", "time,open,high,low,close\n2024-01-02 10:00,1.1,1.2,1.0,1.1\n"
                + "2024-01-02 10:07,1.1,1.2,1.0,1.1\n");
        BadInputException e = importFails(p, options);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.field()).isEqualTo("time");
        assertThat(e.getMessage()).startsWith("EURUSD_M5.csv:3: field 'time': 2024-01-02T10:07:00Z (UTC) is not the "
                + "open time of a M5 bar");
    }

    // ---- validation through the importer ---------------------------------------------------------------

    @Test
    void eachRuleReportsFileLineAndField() throws IOException {
        String[][] cases = {
            {"20170102 020100;1.052090;1.052000;1.051990;1.052050;0", "high", "below max(open"},
            {"20170102 020100;1.052090;1.052100;1.052095;1.052050;0", "low", "above min(open"},
            {"20170102 020100;1.052090;1.052100;0;1.052050;0", "low", "must be > 0"},
            {"20170102 020100;NaN;1.052100;1.051990;1.052050;0", "open", "not a finite number"},
            {"20170102 020100;1.05;Infinity;1.04;1.05;0", "high", "not a finite number"},
            {"20170102 020100;1.05;1.06;1.04;1.05;-3", "volume", "negative"},
            {"20170102 020100;1.05;1.06;1.04;abc;0", "close", "'abc' is not a number"},
            {"20170132 020100;1.05;1.06;1.04;1.05;0", "time", "not a valid date-time"},
            {"20170102 020100,1.05,1.06,1.04,1.05,0", "row", "wrong delimiter? the line contains ','"},
            {"20170102 020100;1.05;1.06;1.04;1.05", "row", "expected 6 fields separated by ';', found 5"},
            {"20170102 015900;1.05;1.06;1.04;1.05;0", "time", "out of order"},
        };
        for (String[] c : cases) {
            Path p = file("DAT_ASCII_EURUSD_M1_201701.csv",
                    "20170102 020000;1.051550;1.051970;1.051550;1.051900;0\n" + c[0] + "\n");
            BadInputException e = importFails(p, options);
            assertThat(e.source()).as(c[0]).isEqualTo("DAT_ASCII_EURUSD_M1_201701.csv");
            assertThat(e.line()).as(c[0]).isEqualTo(2);
            assertThat(e.field()).as(c[0]).isEqualTo(c[1]);
            assertThat(e.getMessage()).as(c[0]).startsWith("DAT_ASCII_EURUSD_M1_201701.csv:2: field '" + c[1] + "': ")
                    .contains(c[2]);
        }
        assertThat(store.totalRows()).isZero();
    }

    @Test
    void strictModeLeavesTheStoreExactlyAsBefore() throws IOException {
        Path good = file("DAT_ASCII_EURUSD_M1_201701.csv", HD_OK);
        importOne(good, options);
        BarSeries before = store.readAll("EURUSD", Timeframe.M1);
        int rollbacks = store.rollbacks;

        Path update = file("DAT_ASCII_EURUSD_M1_201702.csv", """
                20170102 020200;1.3;1.4;1.2;1.3;0
                20170102 020300;1.3;1.4;1.2;1.3;0
                20170102 020400;1.3;1.2;1.2;1.3;0
                20170102 020500;1.3;1.4;1.2;1.3;0
                """);
        Path gbp = file("DAT_ASCII_GBPUSD_M1_201701.csv", HD_OK);
        BadInputException e;
        try {
            // Replacing stored bars is allowed here: what is checked is that the bad row undoes the replacements.
            importer.importFiles(List.of(gbp, update), options.withOnConflict(ConflictPolicy.KEEP_LAST),
                    ProgressListener.NONE);
            throw new AssertionError("import succeeded");
        } catch (BadInputException x) {
            e = x;
        }
        assertThat(e.getMessage()).startsWith("DAT_ASCII_EURUSD_M1_201702.csv:3: field 'high'");
        assertThat(store.rollbacks).isEqualTo(rollbacks + 1);
        assertThat(store.count("GBPUSD", Timeframe.M1)).isZero();
        BarSeries after = store.readAll("EURUSD", Timeframe.M1);
        assertThat(after.timestamps()).containsExactly(before.timestamps());
        assertThat(after.closes()).containsExactly(before.closes());
        assertThat(Files.exists(dir.resolve("rejects"))).isFalse();
    }

    @Test
    void skipBadStoresGoodRowsAndWritesARejectReport() throws IOException {
        Path p = file("DAT_ASCII_EURUSD_M1_201701.csv", """
                20170102 020000;1.051550;1.051970;1.051550;1.051900;0
                20170102 020100;1.05;1.04;1.06;1.05;0
                20170102 020200;1.052000;1.052100;1.051900;1.052050;0
                garbage,"with quotes"
                20170102 020300;1.052000;1.052100;1.051900;1.052050;-1

                20170102 020400;1.052000;1.052100;1.051900;1.052050;0
                """);
        FileImportResult r = importOne(p, options.withSkipBad(true));
        assertThat(r.rowsRead()).isEqualTo(6);
        assertThat(r.rowsStored()).isEqualTo(3);
        assertThat(r.rowsRejected()).isEqualTo(3);
        assertThat(store.count("EURUSD", Timeframe.M1)).isEqualTo(3);
        Path report = dir.resolve("rejects").resolve("DAT_ASCII_EURUSD_M1_201701.csv.rejects.csv");
        assertThat(r.rejectReport()).isEqualTo(report);
        List<String> lines = Files.readAllLines(report);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("line,reason,raw");
        assertThat(lines.get(1)).startsWith("2,field 'high': high 1.04 is below low 1.06,")
                .endsWith("20170102 020100;1.05;1.04;1.06;1.05;0\"");
        assertThat(lines.get(2)).startsWith("4,\"field 'row': expected 6 fields")
                .endsWith(",\"garbage,\"\"with quotes\"\"\"");
        assertThat(lines.get(3)).startsWith("5,field 'volume': volume -1.0 is negative,");
        try (var files = Files.list(report.getParent())) {
            assertThat(files).containsExactly(report);
        }
    }

    @Test
    void noRejectReportWhenNothingIsRejected() throws IOException {
        FileImportResult r = importOne(file("DAT_ASCII_EURUSD_M1_201701.csv", HD_OK), options.withSkipBad(true));
        assertThat(r.rejectReport()).isNull();
        assertThat(r.rowsRejected()).isZero();
    }

    @Test
    void equalDuplicatesAreDroppedAndCountedIncludingARepeatedBlock() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int m = 0; m < 120; m++) {
            sb.append(String.format("20191027 %02d%02d00;1.1%04d;1.2;1.0;1.1;0%n", 18 + m / 60, m % 60, m));
        }
        // Hour 19 again after it, as in the real 2019 HistData files, plus one immediate repeat.
        for (int m = 60; m < 120; m++) {
            sb.append(String.format("20191027 %02d%02d00;1.1%04d;1.2;1.0;1.1;0%n", 18 + m / 60, m % 60, m));
        }
        sb.append("20191027 200000;1.1;1.2;1.0;1.1;0\n20191027 200000;1.1;1.2;1.0;1.1;0\n");
        FileImportResult r = importOne(file("DAT_ASCII_EURUSD_M1_2019.csv", sb.toString()), options);
        assertThat(r.rowsRead()).isEqualTo(182);
        assertThat(r.duplicatesDropped()).isEqualTo(61);
        assertThat(r.rowsStored()).isEqualTo(121);
        assertThat(store.count("EURUSD", Timeframe.M1)).isEqualTo(121);
    }

    @Test
    void conflictingDuplicateFailsUnlessKeepLast() throws IOException {
        Path p = file("DAT_ASCII_EURUSD_M1_201701.csv", HD_OK + "20170102 020100;1.052090;1.052100;1.051990;1.052010;0\n");
        BadInputException e = importFails(p, options);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.field()).isEqualTo("time");
        assertThat(e.reason()).contains("duplicate timestamp 2017-01-02T07:01:00Z").contains("differ from line 2");
        assertThat(store.totalRows()).isZero();

        FileImportResult r = importOne(p, options.withOnConflict(ConflictPolicy.KEEP_LAST));
        assertThat(r.rowsStored()).isEqualTo(3);
        assertThat(r.conflictsReplaced()).isEqualTo(1);
        assertThat(store.row("EURUSD", Timeframe.M1, ms("2017-01-02T07:01:00Z")).close()).isEqualTo(1.05201);
    }

    // ---- input errors -----------------------------------------------------------------------------------

    @Test
    void missingDirectoryAndEmptyFilesFailBeforeAnythingIsWritten() throws IOException {
        Path good = file("DAT_ASCII_EURUSD_M1_201701.csv", HD_OK);
        Path missing = dir.resolve("DAT_ASCII_EURUSD_M1_201799.csv");
        Path empty = file("DAT_ASCII_EURUSD_M1_201702.csv", "");
        Path blank = file("DAT_ASCII_EURUSD_M1_201703.csv", "\n  \n");
        Path headerOnly = file("EURUSD_M5_hdr.csv", "time,open,high,low,close\n");
        assertThatThrownBy(() -> importer.importFiles(List.of(good, missing), options, ProgressListener.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("DAT_ASCII_EURUSD_M1_201799.csv: no such file");
        assertThatThrownBy(() -> importer.importFiles(List.of(good, dir), options, ProgressListener.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> importer.importFiles(List.of(good, empty), options, ProgressListener.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> importer.importFiles(List.of(good, blank), options, ProgressListener.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no rows");
        assertThatThrownBy(() -> importer.importFiles(List.of(good, headerOnly), options, ProgressListener.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("header but no rows");
        assertThat(store.totalRows()).isZero();
        assertThat(store.commits).isZero();
    }

    @Test
    void unknownSymbolIsNamed() throws IOException {
        Path p = file("DAT_ASCII_USDTRY_M1_201701.csv", HD_OK);
        assertThat(importFails(p, options).getMessage()).contains("unknown symbol 'USDTRY'");
        Path anon = file("prices.csv", HD_OK);
        assertThat(importFails(anon, options).getMessage()).contains("cannot tell the symbol").contains("--symbol");
        assertThat(importFails(anon, options.withSymbol("XYZABC")).getMessage()).contains("unknown symbol 'XYZABC'");
        assertThat(importOne(anon, options.withSymbol("eur/usd").withTimeframe(Timeframe.M1)).symbol())
                .isEqualTo("EURUSD");
    }

    @Test
    void undetectableFormatFailsWithTheFirstLines() throws IOException {
        Path p = file("EURUSD_M1.csv", "1;2;3\n4;5;6\n");
        assertThat(importFails(p, options).getMessage()).contains("cannot tell the candle format")
                .contains("1: 1;2;3").contains("--format");
    }

    // ---- progress and parse-only ---------------------------------------------------------------------------

    @Test
    void reportsProgressWithAnEstimatedTotal() throws IOException {
        StringBuilder sb = new StringBuilder();
        long t = ms("2017-01-02T07:00:00Z");
        int n = 120_000;
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd HHmmss");
        for (int i = 0; i < n; i++) {
            sb.append(Instant.ofEpochMilli(t + i * 60_000L).atZone(ZoneId.of("-05:00")).format(f))
                    .append(";1.051550;1.051970;1.051550;1.051900;0\n");
        }
        Path p = file("DAT_ASCII_EURUSD_M1_2017.csv", sb.toString());
        List<long[]> updates = new ArrayList<>();
        importer.importFiles(List.of(p), options, (done, total) -> updates.add(new long[] {done, total}));
        assertThat(updates).hasSize(3);
        assertThat(updates.get(0)[0]).isEqualTo(50_000);
        assertThat(updates.get(0)[1]).isBetween(100_000L, 140_000L);
        assertThat(updates.get(2)).containsExactly(n, n);
    }

    @Test
    void parseOnlyDeliversRowsWithoutStoring() throws IOException {
        Path p = file("DAT_ASCII_EURUSD_M1_201701.csv", HD_OK);
        List<Long> ts = new ArrayList<>();
        long rows = CandleImporter.parse(p, ImportOptions.defaults(), (line, t, o, h, l, c, v) -> ts.add(t));
        assertThat(rows).isEqualTo(3);
        assertThat(ts).containsExactly(ms("2017-01-02T07:00:00Z"), ms("2017-01-02T07:01:00Z"),
                ms("2017-01-02T07:02:00Z"));
        assertThat(store.totalRows()).isZero();
    }

    // ---- re-imports and stored bars -----------------------------------------------------------------

    private static final String HD_CHANGED = HD_OK.replace("20170102 020100;1.052090;1.052100;1.051990;1.052000;0",
            "20170102 020100;1.052090;1.052100;1.051990;1.052040;0") + "20170102 020300;1.052050;1.052100;1.052000;1.052060;0\n";

    @Test
    void reImportingTheSameFileChangesNothingAndReportsNoReplacement() throws IOException {
        Path p = file("DAT_ASCII_EURUSD_M1_201701.csv", HD_OK);
        importOne(p, options);
        FileImportResult again = importOne(p, options);
        assertThat(again.storedReplaced()).isZero();
        assertThat(again.conflictsSkipped()).isZero();
        assertThat(store.totalRows()).isEqualTo(3);
    }

    @Test
    void aReImportThatChangesStoredBarsFailsByDefaultNamingTheLineAndKeepsWhatWasStored() throws IOException {
        importOne(file("DAT_ASCII_EURUSD_M1_201701.csv", HD_OK), options);
        Path changed = file("DAT_ASCII_EURUSD_M1_201701b.csv", HD_CHANGED);
        BadInputException e = importFails(changed, options);
        assertThat(e.getMessage()).contains("DAT_ASCII_EURUSD_M1_201701b.csv").contains("2017-01-02T07:01:00Z")
                .contains("stored with other values").contains("--on-conflict replace");
        assertThat(e.line()).isEqualTo(2);
        assertThat(store.row("EURUSD", Timeframe.M1, ms("2017-01-02T07:01:00Z")).close()).isEqualTo(1.052);
        assertThat(store.totalRows()).isEqualTo(3);
    }

    @Test
    void replaceStoresTheNewValuesAndCountsTheReplacedBars() throws IOException {
        importOne(file("DAT_ASCII_EURUSD_M1_201701.csv", HD_OK), options);
        FileImportResult r = importOne(file("DAT_ASCII_EURUSD_M1_201701b.csv", HD_CHANGED),
                options.withOnConflict(ConflictPolicy.parse("replace")));
        assertThat(r.storedReplaced()).isEqualTo(1);
        assertThat(r.rowsStored()).isEqualTo(4);
        assertThat(store.row("EURUSD", Timeframe.M1, ms("2017-01-02T07:01:00Z")).close()).isEqualTo(1.05204);
        // The columnar copy that reads go through agrees with the rows.
        BarSeries back = store.readAll("EURUSD", Timeframe.M1);
        assertThat(back.size()).isEqualTo(4);
        assertThat(back.close(1)).isEqualTo(1.05204);
    }

    @Test
    void skipKeepsTheStoredValuesAndStoresOnlyNewBars() throws IOException {
        importOne(file("DAT_ASCII_EURUSD_M1_201701.csv", HD_OK), options);
        FileImportResult r = importOne(file("DAT_ASCII_EURUSD_M1_201701b.csv", HD_CHANGED),
                options.withOnConflict(ConflictPolicy.parse("skip")));
        assertThat(r.conflictsSkipped()).isEqualTo(1);
        assertThat(r.storedReplaced()).isZero();
        assertThat(r.rowsStored()).isEqualTo(3);
        assertThat(store.row("EURUSD", Timeframe.M1, ms("2017-01-02T07:01:00Z")).close()).isEqualTo(1.052);
        assertThat(store.readAll("EURUSD", Timeframe.M1).size()).isEqualTo(4);
    }

    // ---- binary input --------------------------------------------------------------------------------

    @Test
    void aBinaryFileIsRefusedNamingItWithoutQuotingItsBytes() throws IOException {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        junk[10] = 0;
        Path bin = dir.resolve("DAT_ASCII_EURUSD_M1_2019.csv");
        Files.write(bin, junk);
        for (ImportOptions o : List.of(options, options.withFormat(CandleFormat.HISTDATA))) {
            BadInputException e = importFails(bin, o);
            assertThat(e.getMessage()).contains("DAT_ASCII_EURUSD_M1_2019.csv").contains("binary file");
            assertThat(e.getMessage().chars().allMatch(ch -> ch >= 0x20 && ch < 0x7F || ch == '\n'))
                    .as("only printable ASCII in: %s", e.getMessage()).isTrue();
        }
        Path zipNamedCsv = dir.resolve("DAT_ASCII_EURUSD_M1_2018.csv");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zipNamedCsv))) {
            z.putNextEntry(new ZipEntry("DAT_ASCII_EURUSD_M1_2018.csv"));
            z.write(HD_OK.getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(importFails(zipNamedCsv, options).getMessage()).contains("zip archive");
        assertThat(store.totalRows()).isZero();
    }
}
