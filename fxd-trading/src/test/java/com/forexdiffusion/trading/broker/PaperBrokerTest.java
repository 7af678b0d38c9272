package com.forexdiffusion.trading.broker;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The paper broker on a real SQLite database; costs: spread 0.8 pips, slippage 0.1, $3.5 per lot and side. */
class PaperBrokerTest {
    static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    static final long TUE_NOON = ms("2024-01-09T12:00:00Z");

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Database.open("sqlite:" + dir.resolve("fxd.db"));
    }

    PaperBroker broker() {
        return PaperBroker.open(db, "acc", BrokerConfig.defaults(), 10_000, TUE_NOON);
    }

    @Test
    void fillsAtTheAskAndBidWithCommissionByHand() {
        PaperBroker b = broker();
        OrderResult r = b.submit(new OrderRequest("EURUSD", Side.BUY, 1.0, 1.10000, null, null, TUE_NOON));
        assertThat(r.accepted()).isTrue();
        // Ask = 1.10000 + 0.8 pips, + 0.1 pip slippage.
        assertThat(r.fillPrice()).isCloseTo(1.10009, within(1e-12));
        assertThat(b.balance()).isCloseTo(10_000 - 3.5, within(1e-9));
        ClosedTrade t = b.close(r.position().id(), 1.10109, TUE_NOON + 60_000, "manual");
        // Sold at the bid less 0.1 pip: 1.10108; (1.10108 − 1.10009) · 100 000 = 99.
        assertThat(t.exitPrice()).isCloseTo(1.10108, within(1e-12));
        assertThat(t.pricePnl()).isCloseTo(99.0, within(1e-6));
        assertThat(t.netPnl()).isCloseTo(92.0, within(1e-6));
        assertThat(b.balance()).isCloseTo(10_092, within(1e-6));
        assertThat(b.openPositions()).isEmpty();
    }

    /**
     * Stored spreads replace the per-symbol 0.8 pips where the bars state one: the spread of the M1 bar that closed
     * last. A long bought at 11:59 bars' 2.5 pips; a short bought back at 12:01 against the 12:00 bar's 4 pips; after
     * the stored bars stop, their last spread holds, and before the first one the model's 0.8 pips apply.
     */
    @Test
    void storedSpreadsAreCrossedWhereTheBarsStateOne() {
        try (var w = db.candles().writer()) {
            w.add("EURUSD", Timeframe.M1, TUE_NOON - 60_000, 1.1, 1.1001, 1.0999, 1.1, 0, "mt5.csv", 0, 0.00025);
            w.add("EURUSD", Timeframe.M1, TUE_NOON, 1.1, 1.1001, 1.0999, 1.1, 0, "mt5.csv", 0, 0.0004);
            w.commit();
        }
        PaperBroker b = broker().withSpreads(Spreads.stored(db.candles(), Timeframe.M1));
        OrderResult buy = b.submit(new OrderRequest("EURUSD", Side.BUY, 1.0, 1.10000, null, null, TUE_NOON));
        // 1.10000 + 2.5 pips + 0.1 pip slippage.
        assertThat(buy.fillPrice()).isCloseTo(1.10026, within(1e-12));
        ClosedTrade t = b.close(buy.position().id(), 1.10100, TUE_NOON + 60_000, "manual");
        // Entry friction 2.6 pips, exit 0.1 pip, on 100 000 units: $27.
        assertThat(t.spreadCost()).isCloseTo(27.0, within(1e-6));
        OrderResult sell = b.submit(new OrderRequest("EURUSD", Side.SELL, 1.0, 1.10000, null, null, TUE_NOON + 60_000));
        ClosedTrade s = b.close(sell.position().id(), 1.09900, TUE_NOON + 120_000, "manual");
        // Bought back at the ask: 1.09900 + 4 pips + 0.1 pip.
        assertThat(s.exitPrice()).isCloseTo(1.09941, within(1e-12));
        OrderResult early = b.submit(new OrderRequest("EURUSD", Side.BUY, 1.0, 1.10000, null, null,
                TUE_NOON - 60_000));
        assertThat(early.fillPrice()).isCloseTo(1.10009, within(1e-12));
    }

    @Test
    void aShortClosesAtTheAsk() {
        PaperBroker b = broker();
        OrderResult r = b.submit(new OrderRequest("EURUSD", Side.SELL, 0.5, 1.10000, null, null, TUE_NOON));
        assertThat(r.fillPrice()).isCloseTo(1.09999, within(1e-12));
        ClosedTrade t = b.close(r.position().id(), 1.09900, TUE_NOON + 60_000, "manual");
        // Bought back at 1.09900 + 0.8 + 0.1 pips = 1.09909: (1.09999 − 1.09909) · 50 000 = 45.
        assertThat(t.pricePnl()).isCloseTo(45.0, within(1e-6));
    }

    @Test
    void theStopComesFirstWhenOneBarTouchesBoth() {
        PaperBroker b = broker();
        b.submit(new OrderRequest("EURUSD", Side.BUY, 1.0, 1.10000, 1.09900, 1.10200, TUE_NOON));
        List<ClosedTrade> c = b.onBar("EURUSD", Timeframe.M15, new Bar(TUE_NOON + 900_000, 1.1000, 1.1025, 1.0985, 1.1010, 1));
        assertThat(c).hasSize(1);
        assertThat(c.get(0).reason()).isEqualTo("stop");
        assertThat(c.get(0).exitPrice()).isCloseTo(1.09899, within(1e-12));
    }

    /** Five M1 bars inside the M15 bar at TUE_NOON + 15 min, each as (high, low); opens and closes in between. */
    static IntrabarBars m1(double[][] highLow) {
        BarSeries.Builder b = BarSeries.builder("EURUSD", Timeframe.M1, highLow.length);
        long t = TUE_NOON + 900_000;
        for (double[] hl : highLow) {
            double mid = (hl[0] + hl[1]) / 2;
            b.add(t, mid, hl[0], hl[1], mid, 1);
            t += 60_000;
        }
        return IntrabarBars.of(Map.of("EURUSD", b.build()));
    }

    ClosedTrade bothTouched(IntrabarBars intrabar, Side side) {
        PaperBroker b = broker().withIntrabar(intrabar);
        // Long: stop 1.0990, target 1.1020. Short (filled at 1.09999): stop 1.1020, target 1.0990, both at the ask.
        OrderRequest r = side == Side.BUY ? new OrderRequest("EURUSD", side, 1.0, 1.10000, 1.09900, 1.10200, TUE_NOON)
                : new OrderRequest("EURUSD", side, 1.0, 1.10000, 1.10200, 1.09900, TUE_NOON);
        assertThat(b.submit(r).accepted()).isTrue();
        List<ClosedTrade> c = b.onBar("EURUSD", Timeframe.M15, new Bar(TUE_NOON + 900_000, 1.1000, 1.1025, 1.0980,
                1.1010, 1));
        assertThat(c).hasSize(1);
        return c.get(0);
    }

    @Test
    void lowerTimeframeBarsDecideWhichOfStopAndTargetCameFirst() {
        // The target (1.1020) is reached in the second minute, the stop (1.0990) only in the fourth.
        ClosedTrade target = bothTouched(m1(new double[][]{{1.1005, 1.0995}, {1.1025, 1.1000}, {1.1010, 1.0995},
                {1.0998, 1.0980}, {1.1010, 1.1000}}), Side.BUY);
        assertThat(target.reason()).isEqualTo("target");
        assertThat(target.exitPrice()).isEqualTo(1.10200);
        // The stop first: it fills at the stop less 0.1 pip of slippage.
        ClosedTrade stop = bothTouched(m1(new double[][]{{1.1005, 1.0985}, {1.1025, 1.1000}}), Side.BUY);
        assertThat(stop.reason()).isEqualTo("stop");
        assertThat(stop.exitPrice()).isCloseTo(1.09899, within(1e-12));
        // One minute touching both cannot be ordered: conservative again.
        assertThat(bothTouched(m1(new double[][]{{1.1003, 1.0999}, {1.1025, 1.0980}}), Side.BUY).reason())
                .isEqualTo("stop");
        // No lower-timeframe bars for the span: conservative.
        assertThat(bothTouched(IntrabarBars.of(Map.of()), Side.BUY).reason()).isEqualTo("stop");
        // A short buys back at the ask (bid + 0.8 pip): its target 1.0990 needs a bid of 1.09892.
        ClosedTrade shortTarget = bothTouched(m1(new double[][]{{1.1004, 1.0989}, {1.1025, 1.1000}}), Side.SELL);
        assertThat(shortTarget.reason()).isEqualTo("target");
        assertThat(shortTarget.exitPrice()).isEqualTo(1.09900);
        assertThat(bothTouched(m1(new double[][]{{1.1004, 1.0993}, {1.1025, 1.1000}}), Side.SELL).reason())
                .isEqualTo("stop");
    }

    @Test
    void aGapThroughTheStopFillsAtTheOpenAndATargetAtItsPrice() {
        PaperBroker b = broker();
        b.submit(new OrderRequest("EURUSD", Side.BUY, 1.0, 1.10000, 1.09900, null, TUE_NOON));
        List<ClosedTrade> c = b.onBar("EURUSD", Timeframe.M15, new Bar(TUE_NOON + 900_000, 1.0980, 1.0990, 1.0970, 1.0985, 1));
        assertThat(c.get(0).exitPrice()).isCloseTo(1.09799, within(1e-12));
        b.submit(new OrderRequest("EURUSD", Side.BUY, 1.0, 1.10000, null, 1.10100, TUE_NOON + 1_800_000));
        List<ClosedTrade> t = b.onBar("EURUSD", Timeframe.M15, new Bar(TUE_NOON + 2_700_000, 1.1005, 1.1012, 1.1000, 1.1008, 1));
        assertThat(t.get(0).reason()).isEqualTo("target");
        assertThat(t.get(0).exitPrice()).isEqualTo(1.10100);
    }

    @Test
    void swapIsChargedAtEachRolloverAndTripledOnWednesday() {
        PaperBroker b = broker();
        b.submit(new OrderRequest("EURUSD", Side.BUY, 1.0, 1.10000, null, null, TUE_NOON));
        // Bars up to Thursday noon: rollovers Tuesday 22:00 UTC (1 night) and Wednesday 22:00 UTC (3 nights).
        for (long t = TUE_NOON; t < ms("2024-01-11T12:00:00Z"); t += 3_600_000L) {
            b.onBar("EURUSD", Timeframe.H1, new Bar(t, 1.1, 1.1001, 1.0999, 1.1, 1));
        }
        // −0.6 pips · 0.0001 · 100 000 = −$6 a night, four nights.
        assertThat(b.openPositions().get(0).swap()).isCloseTo(-24.0, within(1e-9));
        assertThat(b.balance()).isCloseTo(10_000 - 3.5 - 24, within(1e-9));
    }

    @Test
    void marginIsCheckedAgainstEquity() {
        PaperBroker b = broker();
        // 30:1 on $10 000: 3 lots of EURUSD (330 000 notional) need $11 000.
        OrderResult r = b.submit(new OrderRequest("EURUSD", Side.BUY, 3.0, 1.10000, null, null, TUE_NOON));
        assertThat(r.accepted()).isFalse();
        assertThat(r.rejection()).contains("insufficient margin");
        assertThat(b.submit(new OrderRequest("EURUSD", Side.BUY, 2.0, 1.10000, null, null, TUE_NOON)).accepted()).isTrue();
        assertThat(b.balance()).isCloseTo(10_000 - 7, within(1e-9));
    }

    @Test
    void aNewBrokerOnTheSameDatabaseContinuesExactly() throws Exception {
        PaperBroker b = broker();
        OrderResult a = b.submit(new OrderRequest("EURUSD", Side.BUY, 1.0, 1.10000, 1.0950, 1.1100, TUE_NOON));
        b.submit(new OrderRequest("USDJPY", Side.SELL, 0.3, 145.000, 146.0, 144.0, TUE_NOON));
        b.close(a.position().id(), 1.1010, TUE_NOON + 60_000, "manual");
        b.onBar("USDJPY", Timeframe.H1, new Bar(TUE_NOON + 3_600_000, 145.0, 145.1, 144.9, 145.05, 1));
        b.onBar("USDJPY", Timeframe.H1, new Bar(ms("2024-01-09T22:00:00Z"), 145.0, 145.1, 144.9, 145.05, 1));
        // Simulated crash: a new broker on the same database.
        PaperBroker again = PaperBroker.open(db, "acc", BrokerConfig.defaults(), 999, TUE_NOON);
        assertThat(again.balance()).isEqualTo(b.balance());
        assertThat(again.openPositions()).isEqualTo(b.openPositions());
        OrderResult next = again.submit(new OrderRequest("EURUSD", Side.BUY, 0.1, 1.1, null, null, TUE_NOON + 7_200_000));
        assertThat(next.orderId()).isEqualTo("acc-o4");
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT balance_after FROM trading_ledger ORDER BY id DESC LIMIT 1")) {
            rs.next();
            assertThat(rs.getDouble(1)).isCloseTo(again.balance(), within(1e-9));
        }
    }

    /** Swap of one lot long EURUSD (−$6 a night) held from {@code open} to {@code close}, bars every hour between. */
    private double swapHeld(String account, String open, String close) {
        PaperBroker b = PaperBroker.open(db, account, BrokerConfig.defaults(), 10_000, ms(open));
        b.submit(new OrderRequest("EURUSD", Side.BUY, 1.0, 1.10000, null, null, ms(open)));
        // Hourly bars through the weekend too: Saturday's and Sunday's 17:00 New York are no rollovers.
        for (long t = ms(open); t < ms(close); t += 3_600_000L) {
            b.onBar("EURUSD", Timeframe.H1, new Bar(t, 1.1, 1.1001, 1.0999, 1.1, 1));
        }
        return b.openPositions().get(0).swap();
    }

    @Test
    void swapIsOneNightFridayToMondayThreeOverWednesdayAndSevenAWeek() {
        // Friday 2024-01-12 noon UTC to Monday noon: only Friday's 22:00 UTC rollover.
        assertThat(swapHeld("fri", "2024-01-12T12:00:00Z", "2024-01-15T12:00:00Z")).isCloseTo(-6.0, within(1e-9));
        // Wednesday noon to Thursday noon: Wednesday's rollover carries the weekend, three nights.
        assertThat(swapHeld("wed", "2024-01-10T12:00:00Z", "2024-01-11T12:00:00Z")).isCloseTo(-18.0, within(1e-9));
        // Tuesday noon to the next Tuesday noon: Tue 1 + Wed 3 + Thu 1 + Fri 1 + Mon 1 = 7 nights.
        assertThat(swapHeld("week", "2024-01-09T12:00:00Z", "2024-01-16T12:00:00Z")).isCloseTo(-42.0, within(1e-9));
        assertThat(SwapSchedule.nightsBetween(ms("2024-01-09T12:00:00Z"), ms("2024-01-16T12:00:00Z"))).isEqualTo(7);
        // Across the winter/summer time change (2024-03-10) the rollover follows New York: 21:00 UTC afterwards.
        assertThat(SwapSchedule.nightsBetween(ms("2024-03-11T20:30:00Z"), ms("2024-03-11T21:30:00Z"))).isEqualTo(1);
    }

    @Test
    void spreadAndSlippageAreReportedAsCosts() {
        PaperBroker b = broker();
        // A long: entry 0.8 spread + 0.1 slippage above the bid, exit 0.1 below: 1.0 pip on 100 000 = $10.
        OrderResult r = b.submit(new OrderRequest("EURUSD", Side.BUY, 1.0, 1.10000, null, null, TUE_NOON));
        assertThat(b.close(r.position().id(), 1.10000, TUE_NOON + 60_000, "manual").spreadCost())
                .isCloseTo(10.0, within(1e-6));
        // A short closed at its target: entry 0.1 slippage, the exit at the ask pays the 0.8 spread: $4.5 on half a lot.
        OrderResult s = b.submit(new OrderRequest("EURUSD", Side.SELL, 0.5, 1.10000, null, 1.0990, TUE_NOON + 120_000));
        List<ClosedTrade> t = b.onBar("EURUSD", Timeframe.M15, new Bar(TUE_NOON + 900_000, 1.0995, 1.0996, 1.0970,
                1.0980, 1));
        assertThat(t.get(0).reason()).isEqualTo("target");
        assertThat(t.get(0).spreadCost()).isCloseTo(4.5, within(1e-6));
    }

    @Test
    void aCrossIsSettledInUsdAtTheStoredRateOfItsConversionPair() {
        // GBPUSD H1 bars: 1.2700 closes the 11:00 bar, 1.2500 the 12:00 bar (closing at 13:00, after the trade).
        try (var w = db.candles().writer()) {
            w.add("GBPUSD", Timeframe.H1, ms("2024-01-09T11:00:00Z"), 1.27, 1.271, 1.269, 1.2700, 1, "test");
            w.add("GBPUSD", Timeframe.H1, ms("2024-01-09T12:00:00Z"), 1.25, 1.251, 1.249, 1.2500, 1, "test");
            w.commit();
        }
        PaperBroker b = broker().withRates(ConversionRates.stored(db.candles(), Timeframe.H1));
        OrderResult r = b.submit(new OrderRequest("EURGBP", Side.BUY, 1.0, 0.86000, null, null, TUE_NOON));
        assertThat(r.accepted()).as(r.rejection()).isTrue();
        ClosedTrade t = b.close(r.position().id(), 0.86200, TUE_NOON + 600_000, "manual");
        // Entry 0.86000 + 0.9 pips = 0.86009, exit 0.86200 − 0.1 pip = 0.86199: 0.00190 GBP per EUR,
        // · 100 000 = £190, at the 12:10 rate (the 11:00 bar's close, 1.2700): $241.30.
        assertThat(t.pricePnl()).isCloseTo(190 * 1.27, within(1e-6));
        assertThat(t.netPnl()).isCloseTo(190 * 1.27 - 7, within(1e-6));
        // Without a stored rate the cross is refused with a message naming the missing pair.
        PaperBroker bare = PaperBroker.open(db, "bare", BrokerConfig.defaults(), 10_000, TUE_NOON);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                bare.submit(new OrderRequest("EURJPY", Side.BUY, 0.1, 160.0, null, null, TUE_NOON)))
                .hasMessageContaining("no conversion from JPY").hasMessageContaining("USDJPY");
    }

    private List<String> rows(String sql) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int k = 1; k <= rs.getMetaData().getColumnCount(); k++) {
                    b.append(k > 1 ? " " : "").append(rs.getString(k));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void stopAndTargetAreOrdersOneCancellingTheOtherAndEveryChangeIsAnEvent() throws Exception {
        PaperBroker b = broker();
        OrderResult r = b.submit(new OrderRequest("EURUSD", Side.BUY, 1.0, 1.10000, 1.09900, 1.10100, TUE_NOON));
        String p = r.position().id();
        assertThat(rows("SELECT order_id, kind, status, price FROM trading_orders ORDER BY order_id")).containsExactly(
                "acc-o1 market filled 1.1", p + "-sl stop pending 1.099", p + "-tp limit pending 1.101");
        // A trailing stop moves the stop-loss order: an amendment with its reason.
        b.onBar("EURUSD", Timeframe.M15, new Bar(TUE_NOON + 900_000, 1.1002, 1.1006, 1.1001, 1.1005, 1));
        b.modifyStop(p, 1.10000, TUE_NOON + 1_800_000);
        // The target is reached: the take-profit fills, the stop-loss is cancelled (OCO).
        b.onBar("EURUSD", Timeframe.M15, new Bar(TUE_NOON + 1_800_000, 1.1005, 1.1012, 1.1003, 1.1010, 1));
        assertThat(rows("SELECT order_id, status, price FROM trading_orders WHERE kind <> 'market' ORDER BY order_id"))
                .containsExactly(p + "-sl cancelled 1.1", p + "-tp filled 1.101");
        assertThat(rows("SELECT order_id, status, reason FROM trading_order_events ORDER BY id")).containsExactly(
                "acc-o1 submitted null", "acc-o1 accepted null", "acc-o1 filled null",
                p + "-sl accepted stop-loss of " + p, p + "-tp accepted take-profit of " + p,
                p + "-sl amended trailing-stop amendment from 1.099",
                "acc-o2 submitted null", "acc-o2 accepted null", "acc-o2 filled target",
                p + "-sl cancelled oco: position closed (target)", p + "-tp filled target reached");
        // A rejected order: submitted, then rejected with the reason.
        b.submit(new OrderRequest("EURUSD", Side.BUY, 50.0, 1.1, null, null, TUE_NOON + 3_600_000));
        assertThat(rows("SELECT status, reason FROM trading_order_events WHERE order_id = 'acc-o3' ORDER BY id"))
                .hasSize(2).first().isEqualTo("submitted null");
        assertThat(rows("SELECT status FROM trading_order_events WHERE order_id = 'acc-o3' ORDER BY id").get(1))
                .isEqualTo("rejected");
    }
}
