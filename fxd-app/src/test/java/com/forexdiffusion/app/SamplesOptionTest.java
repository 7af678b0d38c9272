package com.forexdiffusion.app;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --samples} below 2 is a usage error (exit 2) naming the option, in every command that takes it. */
class SamplesOptionTest {
    @ParameterizedTest
    @ValueSource(strings = {"forecast --symbol EURUSD --timeframe M15",
            "evaluate --symbol EURUSD --timeframe M15",
            "evaluate ett --file x.csv",
            "bench forecast --model m",
            "bench backtest --model m",
            "bench model"})
    void oneSampleOrFewerIsAUsageError(String command) {
        for (String n : new String[]{"1", "0", "-3"}) {
            if (command.equals("bench model") && n.equals("0")) {
                continue;
            }
            String[] args = (command + " --samples " + n).split(" ");
            Cli r = Cli.run(args);
            assertThat(r.code()).as(command + " --samples " + n + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("--samples").contains("at least 2").doesNotContain("at com.");
        }
    }
}
