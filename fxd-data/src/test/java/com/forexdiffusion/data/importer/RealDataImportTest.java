package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.ProgressListener;
import com.forexdiffusion.core.Timeframe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Imports the real files of shared/data/fx (see its README). The expected counts were taken independently
 * with shell tools ({@code wc -l}, {@code cut | sort -u | wc -l}), not from this importer.
 */
class RealDataImportTest {
    private static Path fx;

    @TempDir
    Path rejects;

    @BeforeAll
    static void locate() {
        Path data = sharedData();
        fx = data == null ? null : data.resolve("fx");
        if (fx == null || !Files.isDirectory(fx)) {
            String msg = "SKIPPING RealDataImportTest: shared data not found (system property fxd.shared.data="
                    + System.getProperty("fxd.shared.data") + ", and no shared/data beside the project root)";
            System.err.println("*".repeat(100) + "\n" + msg + "\n" + "*".repeat(100));
            assumeTrue(false, msg);
        }
    }

    /** The property Surefire sets, else a {@code shared/data} found walking up from the working directory. */
    static Path sharedData() {
        String prop = System.getProperty("fxd.shared.data");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            for (Path c : List.of(d.resolve("shared/data"), d.resolveSibling("shared").resolve("data"))) {
                if (Files.isDirectory(c)) {
                    return c.normalize();
                }
            }
        }
        return null;
    }

    private FileImportResult importOne(SqliteTestStore store, Path file) {
        ImportResult r = new CandleImporter(InstrumentCatalog.builtIn(), store)
                .importFiles(List.of(file), ImportOptions.defaults().withRejectsDir(rejects), ProgressListener.NONE);
        return r.files().getFirst();
    }

    @Test
    void histDataMonthlyFiles2017() {
        List<Path> files = IntStream.rangeClosed(1, 5)
                .mapToObj(m -> fx.resolve(String.format("DAT_ASCII_EURUSD_M1_20170%d.csv", m))).toList();
        SqliteTestStore store = new SqliteTestStore();
        ImportResult r = new CandleImporter(InstrumentCatalog.builtIn(), store)
                .importFiles(files, ImportOptions.defaults().withRejectsDir(rejects), ProgressListener.NONE);
        assertThat(r.files()).extracting(FileImportResult::rowsStored)
                .containsExactly(31_500L, 28_779L, 32_660L, 29_161L, 33_054L);
        assertThat(r.rowsStored()).isEqualTo(155_154);
        assertThat(r.duplicatesDropped()).isZero();
        assertThat(store.count("EURUSD", Timeframe.M1)).isEqualTo(155_154);
        assertThat(r.files().getFirst().firstTs()).isEqualTo(Instant.parse("2017-01-02T07:00:00Z"));
        assertThat(r.files().getLast().lastTs()).isEqualTo(Instant.parse("2017-06-01T04:58:00Z"));
    }

    @Test
    void histDataZipEurusd2018() {
        SqliteTestStore store = new SqliteTestStore();
        FileImportResult r = importOne(store, fx.resolve("histdata/HISTDATA_COM_ASCII_EURUSD_M12018.zip"));
        assertThat(r.rowsRead()).isEqualTo(372_607);
        assertThat(r.rowsStored()).isEqualTo(372_607);
        assertThat(r.duplicatesDropped()).isZero();
        assertThat(r.firstTs()).isEqualTo(Instant.parse("2018-01-01T22:00:00Z"));
        assertThat(r.lastTs()).isEqualTo(Instant.parse("2018-12-31T21:59:00Z"));
        assertThat(store.count("EURUSD", Timeframe.M1)).isEqualTo(372_607);
    }

    @Test
    void histDataZipEurusd2019DropsTheRepeatedHour() {
        SqliteTestStore store = new SqliteTestStore();
        FileImportResult r = importOne(store, fx.resolve("histdata/HISTDATA_COM_ASCII_EURUSD_M12019.zip"));
        assertThat(r.rowsRead()).isEqualTo(372_530);
        assertThat(r.duplicatesDropped()).isEqualTo(60);
        assertThat(r.rowsStored()).isEqualTo(372_470);
        assertThat(r.rowsRejected()).isZero();
        assertThat(r.firstTs()).isEqualTo(Instant.parse("2019-01-01T22:02:00Z"));
        assertThat(r.lastTs()).isEqualTo(Instant.parse("2019-12-31T21:59:00Z"));
        assertThat(store.count("EURUSD", Timeframe.M1)).isEqualTo(372_470);
    }

    @Test
    void histDataZipGbpusd2018() {
        SqliteTestStore store = new SqliteTestStore();
        FileImportResult r = importOne(store, fx.resolve("histdata/HISTDATA_COM_ASCII_GBPUSD_M12018.zip"));
        assertThat(r.symbol()).isEqualTo("GBPUSD");
        assertThat(r.rowsStored()).isEqualTo(372_261);
        assertThat(r.firstTs()).isEqualTo(Instant.parse("2018-01-01T22:00:00Z"));
        assertThat(r.lastTs()).isEqualTo(Instant.parse("2018-12-31T21:58:00Z"));
        assertThat(store.count("GBPUSD", Timeframe.M1)).isEqualTo(372_261);
    }

    @Test
    void metaTrader4Export() {
        SqliteTestStore store = new SqliteTestStore();
        FileImportResult r = importOne(store, fx.resolve("EURUSD_M1_2022-08-15_2022-10-25_mt4.csv"));
        assertThat(r.format()).isEqualTo(CandleFormat.METATRADER);
        assertThat(r.zone()).startsWith("UTC");
        assertThat(r.rowsStored()).isEqualTo(34_342);
        assertThat(r.firstTs()).isEqualTo(Instant.parse("2022-08-15T10:06:00Z"));
        assertThat(r.lastTs()).isEqualTo(Instant.parse("2022-10-25T16:16:00Z"));
        assertThat(store.count("EURUSD", Timeframe.M1)).isEqualTo(34_342);
    }

    @Test
    void dukascopyExport() {
        SqliteTestStore store = new SqliteTestStore();
        FileImportResult r = importOne(store, fx.resolve("EURUSD_H1_2023-02-20_2025-02-21_dukascopy_bid_utc.csv"));
        assertThat(r.format()).isEqualTo(CandleFormat.DUKASCOPY);
        assertThat(r.timeframe()).isEqualTo(Timeframe.H1);
        assertThat(r.rowsStored()).isEqualTo(12_521);
        assertThat(r.firstTs()).isEqualTo(Instant.parse("2023-02-20T00:00:00Z"));
        assertThat(r.lastTs()).isEqualTo(Instant.parse("2025-02-21T21:00:00Z"));
        assertThat(store.count("EURUSD", Timeframe.H1)).isEqualTo(12_521);
    }
}
