package com.forexdiffusion.data.importer;

import com.forexdiffusion.core.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatDetectorTest {
    @Test
    void detectsEachFormat() {
        assertThat(FormatDetector.detect("a", List.of("20170102 020000;1.051550;1.051970;1.051550;1.051900;0")))
                .isEqualTo(CandleFormat.HISTDATA);
        assertThat(FormatDetector.detect("a", List.of("2022.08.15,10:06,1.02340,1.02359,1.02340,1.02348,105")))
                .isEqualTo(CandleFormat.METATRADER);
        assertThat(FormatDetector.detect("a", List.of(
                "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>",
                "2023.01.02\t00:00:00\t1.07010\t1.07100\t1.06900\t1.07000\t1234\t0\t5")))
                .isEqualTo(CandleFormat.METATRADER);
        assertThat(FormatDetector.detect("a", List.of("Gmt time,Open,High,Low,Close,Volume",
                "20.02.2023 00:00:00.000,1.06840,1.06854,1.06728,1.06788,11947.0498")))
                .isEqualTo(CandleFormat.DUKASCOPY);
        assertThat(FormatDetector.detect("a", List.of("Local time,Open,High,Low,Close,Volume",
                "01.01.2020 00:00:00.000 GMT+0200,1.1,1.2,1.0,1.1,5")))
                .isEqualTo(CandleFormat.DUKASCOPY);
        assertThat(FormatDetector.detect("a", List.of("timestamp;o;h;l;c;v", "1700000000;1.1;1.2;1.0;1.1;0")))
                .isEqualTo(CandleFormat.GENERIC_CSV);
    }

    @Test
    void unsureDetectionListsWhatItSawAndSuggestsFormatOption() {
        assertThatThrownBy(() -> FormatDetector.detect("x.csv", List.of("1,2,3", "4,5,6")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("x.csv: cannot tell the candle format")
                .hasMessageContaining("1: 1,2,3").hasMessageContaining("2: 4,5,6")
                .hasMessageContaining("--format histdata|dukascopy|mt4|mt5|csv");
        assertThatThrownBy(() -> FormatDetector.detect("y.csv", List.of("when,price", "2020-01-01,1.1")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("looks like a header").hasMessageContaining("open")
                .hasMessageContaining("--format");
    }

    @Test
    void parsesCliNames() {
        assertThat(CandleFormat.parse("histdata")).isEqualTo(CandleFormat.HISTDATA);
        assertThat(CandleFormat.parse("MT4")).isEqualTo(CandleFormat.METATRADER);
        assertThat(CandleFormat.parse("mt5")).isEqualTo(CandleFormat.METATRADER);
        assertThat(CandleFormat.parse("metatrader")).isEqualTo(CandleFormat.METATRADER);
        assertThat(CandleFormat.parse("dukascopy")).isEqualTo(CandleFormat.DUKASCOPY);
        assertThat(CandleFormat.parse("csv")).isEqualTo(CandleFormat.GENERIC_CSV);
        assertThatThrownBy(() -> CandleFormat.parse("xls")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown format 'xls'");
    }
}
