package com.forexdiffusion.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstrumentCatalogTest {
    @Test
    void acceptsEverySpellingOfASymbol() {
        InstrumentCatalog c = InstrumentCatalog.builtIn();
        assertThat(c.resolve("EUR/USD").symbol()).isEqualTo("EURUSD");
        assertThat(c.resolve("eurusd").symbol()).isEqualTo("EURUSD");
        assertThat(c.resolve(" gbp_usd ").quoteCurrency()).isEqualTo("USD");
    }

    @Test
    void jpyQuotesHaveTwoDecimalPips() {
        Instrument i = InstrumentCatalog.builtIn().resolve("USDJPY");
        assertThat(i.pipSize()).isEqualTo(0.01);
        assertThat(i.digits()).isEqualTo(3);
        assertThat(InstrumentCatalog.builtIn().resolve("EURUSD").pipSize()).isEqualTo(0.0001);
        assertThat(i.contractSize()).isEqualTo(100_000);
    }

    @Test
    void unknownSymbolIsAnErrorThatNamesIt() {
        assertThatThrownBy(() -> InstrumentCatalog.builtIn().resolve("FOOBAR"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("'FOOBAR'");
        InstrumentCatalog extended = InstrumentCatalog.builtIn().add(Instrument.fxPair("USDSEK"));
        assertThat(extended.contains("USD/SEK")).isTrue();
    }
}
