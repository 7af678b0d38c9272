package com.forexdiffusion.trading.risk;

import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.trading.broker.BrokerConfig;
import com.forexdiffusion.trading.broker.OrderRequest;
import com.forexdiffusion.trading.broker.OrderType;
import com.forexdiffusion.trading.broker.PaperBroker;
import com.forexdiffusion.trading.broker.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * SPEC §7 total exposure across a portfolio: what an account on the paper broker (real SQLite) carries in several
 * symbols, in USD, and the risk manager's answer to one more order, by hand.
 */
class ExposureLimitTest {
    static final long T0 = Instant.parse("2024-01-09T12:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    static double contract(String symbol) {
        return InstrumentCatalog.builtIn().resolve(symbol).contractSize();
    }

    /** A long EURUSD position and, optionally, a resting GBPUSD buy limit. */
    PaperBroker account(String name, boolean withRestingEntry) {
        PaperBroker b = PaperBroker.open(Database.open("sqlite:" + dir.resolve(name + ".db")), "acc",
                BrokerConfig.defaults(), 10_000, T0);
        // Filled at 1.10009 (ask + 0.1 pip), stop 1.09009: 0.01 · 100 000 = $1 000 at risk; notional $110 009.
        assertThat(b.submit(new OrderRequest("EURUSD", Side.BUY, 1, 1.10000, 1.09009, null, T0)).accepted()).isTrue();
        if (withRestingEntry) {
            // Level 1.26000, stop 1.25500: 0.005 · 100 000 = $500 at risk once it fills; notional $126 000.
            assertThat(b.submit(new OrderRequest("GBPUSD", Side.BUY, 1, 1.27000, 1.25500, 1.29000, T0)
                    .resting(OrderType.LIMIT, 1.26000, T0 + 3_600_000)).resting()).isTrue();
        }
        return b;
    }

    @Test
    void aRestingEntryInAnotherSymbolCutsAnOrderTheSameAccountWithoutItWouldTakeWhole() {
        RiskManager risk = new RiskManager(RiskLimits.defaults());
        // A USDJPY short at 150.000 with its stop at 150.600: 0.6 JPY · 100 000 / 150 = $400 per lot, in USD
        // through 1 / price (the account currency is USDJPY's base); notional 100 000 · 150 / 150 = $100 000.
        double perLot = 100_000 / 150.0;
        double riskPerLot = perLot * 0.6;
        assertThat(riskPerLot).isCloseTo(400, within(1e-9));

        PaperBroker both = account("both", true);
        Exposure committed = Exposure.of(both, ExposureLimitTest::contract);
        assertThat(committed.riskAtStops()).isCloseTo(1_500, within(1e-6));
        assertThat(committed.notional()).isCloseTo(110_009 + 126_000, within(1e-6));
        // Equity: 10 000 − 3.5 commission − 9 (the long marked at the bid 1.10000) = 9 987.5; 20 % of it is
        // 1 997.5, of which 1 500 is taken: room for 497.5 / 400 = 1.24375 lots, 1.24 on the lot grid.
        assertThat(both.equity()).isCloseTo(9_987.5, within(1e-6));
        RiskManager.Admission cut = risk.admit(committed, 2, riskPerLot, perLot * 150, both.equity(), 0.01);
        assertThat(cut.lots()).isEqualTo(1.24);
        assertThat(cut.reason()).isEqualTo("reduced from 2.0 to 1.24 lots by the total exposure limit of 20% of "
                + "equity: 1500.00 of 1997.50 already at risk at the stops");

        // Without the resting entry the same order fits: 1 997.5 − 1 000 = 997.5 ≥ 2 · 400.
        PaperBroker one = account("one", false);
        RiskManager.Admission whole = risk.admit(Exposure.of(one, ExposureLimitTest::contract), 2, riskPerLot,
                perLot * 150, one.equity(), 0.01);
        assertThat(whole.lots()).isEqualTo(2);
        assertThat(whole.reason()).isNull();

        // With 1 997.5 already taken nothing fits: rejected with the reason.
        RiskManager.Admission none = risk.admit(new Exposure(1_997.5, 0), 0.5, riskPerLot, perLot * 150, 9_987.5, 0.01);
        assertThat(none.rejected()).isTrue();
        assertThat(none.reason()).startsWith("rejected by the total exposure limit of 20% of equity");
    }

    @Test
    void theOptionalNotionalCapLimitsOpenNotionalInTheAccountCurrency() {
        // 1 000 % of $10 000 = $100 000 of notional, $50 000 open: room for half of a $100 000 lot.
        RiskManager capped = new RiskManager(new RiskLimits(3, 5, 0, 0, 20, 1_000));
        RiskManager.Admission a = capped.admit(new Exposure(0, 50_000), 1, 100, 100_000, 10_000, 0.01);
        assertThat(a.lots()).isEqualTo(0.5);
        assertThat(a.reason()).isEqualTo("reduced from 1.0 to 0.5 lots by the notional limit of 1000% of equity: "
                + "50000.00 of 100000.00 already open");
        // Off by default: the same order passes whole.
        assertThat(new RiskManager(RiskLimits.defaults()).admit(new Exposure(0, 50_000), 1, 100, 100_000, 10_000,
                0.01).lots()).isEqualTo(1);
    }
}
