package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.Timeframe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileNameHintsTest {
    private final InstrumentCatalog catalog = InstrumentCatalog.builtIn();

    @Test
    void readsSymbolAndTimeframeFromKnownNamingSchemes() {
        assertThat(FileNameHints.of("DAT_ASCII_EURUSD_M1_201701.csv", catalog))
                .isEqualTo(new FileNameHints("EURUSD", Timeframe.M1));
        assertThat(FileNameHints.of("HISTDATA_COM_ASCII_GBPUSD_M12018.zip", catalog))
                .isEqualTo(new FileNameHints("GBPUSD", Timeframe.M1));
        assertThat(FileNameHints.of("EURUSD_M1_2022-08-15_2022-10-25_mt4.csv", catalog))
                .isEqualTo(new FileNameHints("EURUSD", Timeframe.M1));
        assertThat(FileNameHints.of("EURUSD_H1_2023-02-20_2025-02-21_dukascopy_bid_utc.csv", catalog))
                .isEqualTo(new FileNameHints("EURUSD", Timeframe.H1));
        assertThat(FileNameHints.of("EURUSD60.csv", catalog)).isEqualTo(new FileNameHints("EURUSD", Timeframe.H1));
        assertThat(FileNameHints.of("USDJPY1440.csv", catalog)).isEqualTo(new FileNameHints("USDJPY", Timeframe.D1));
        assertThat(FileNameHints.of("/tmp/x/eurusd-m15.csv", catalog))
                .isEqualTo(new FileNameHints("EURUSD", Timeframe.M15));
    }

    @Test
    void unknownPairsAreStillRecognisedSoTheImporterCanNameThem() {
        assertThat(FileNameHints.of("USDTRY_M5.csv", catalog)).isEqualTo(new FileNameHints("USDTRY", Timeframe.M5));
    }

    @Test
    void namesWithoutHintsGiveNulls() {
        assertThat(FileNameHints.of("prices_export.csv", catalog)).isEqualTo(new FileNameHints(null, null));
    }
}
