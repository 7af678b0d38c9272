package com.forexdiffusion.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HorizonTest {
    @Test
    void convertsMinutesToBars() {
        assertThat(new Horizon(60).bars(Timeframe.M15)).isEqualTo(4);
        assertThat(new Horizon(240).bars(Timeframe.H1)).isEqualTo(4);
        assertThat(new Horizon(15).bars(Timeframe.M1)).isEqualTo(15);
    }

    @Test
    void aHorizonThatIsNotWholeBarsIsAnError() {
        assertThatThrownBy(() -> new Horizon(15).bars(Timeframe.H1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("15 min")
                .hasMessageContaining("H1");
        assertThatThrownBy(() -> new Horizon(25).bars(Timeframe.M15)).isInstanceOf(BadInputException.class);
    }

    @Test
    void parsesLists() {
        assertThat(Horizon.parseList("15, 60,240")).containsExactly(new Horizon(15), new Horizon(60), new Horizon(240));
        assertThatThrownBy(() -> Horizon.parseList("15,x")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> Horizon.parseList("0")).hasMessageContaining("positive");
    }
}
