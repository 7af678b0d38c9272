package com.forexdiffusion.trading.broker;

import com.forexdiffusion.core.Bar;
import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Stop and limit entries on the paper broker over a real SQLite database, each fill computed by hand. Costs (the
 * defaults): spread 0.8 pip = 0.00008, slippage 0.1 pip = 0.00001 on market and stop fills, none on limits,
 * $3.5 per lot and side; 1 lot = 100 000 EUR, so 0.00001 is $1.
 */
class RestingOrderTest {
    static final long T0 = PaperBrokerTest.TUE_NOON;
    static final long M15 = 900_000;

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Database.open("sqlite:" + dir.resolve("fxd.db"));
    }

    PaperBroker broker() {
        return PaperBroker.open(db, "acc", BrokerConfig.defaults(), 10_000, T0);
    }

    static OrderRequest entry(Side side, OrderType type, double level, Double stop, Double target, long goodTill) {
        return new OrderRequest("EURUSD", side, 1.0, 1.10000, stop, target, T0).resting(type, level, goodTill);
    }

    static Bar bar(long ts, double o, double h, double l, double c) {
        return new Bar(ts, o, h, l, c, 1);
    }

    /** status|price|reason of each event of an order, in order. */
    List<String> events(String orderId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT status, price, reason FROM trading_order_events WHERE order_id = ? ORDER BY id")) {
            ps.setString(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "|" + rs.getObject(2) + "|" + rs.getString(3));
                }
            }
        }
        return out;
    }

    String orderStatus(String orderId) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT status FROM trading_orders WHERE order_id = ?")) {
            ps.setString(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void aBarGappingThroughABuyStopFillsAtTheOpenAskPlusSlippage() throws SQLException {
        PaperBroker b = broker();
        OrderResult r = b.submit(entry(Side.BUY, OrderType.STOP, 1.10100, 1.09900, 1.10400, T0 + 7_200_000));
        assertThat(r.accepted()).isTrue();
        assertThat(r.resting()).isTrue();
        assertThat(b.pendingOrders()).hasSize(1);
        assertThat(b.openPositions()).isEmpty();
        // Opens at bid 1.10150: ask 1.10158, beyond the level 1.10100: filled there plus 0.1 pip, 1.10159.
        b.onBar("EURUSD", Timeframe.M15, bar(T0, 1.10150, 1.10200, 1.10120, 1.10180));
        assertThat(b.pendingOrders()).isEmpty();
        Position p = b.openPositions().get(0);
        assertThat(p.entry()).isCloseTo(1.10159, within(1e-12));
        assertThat(p.openedAt()).isEqualTo(T0 + M15);
        assertThat(p.id()).isEqualTo("acc-p1");
        assertThat(b.balance()).isCloseTo(10_000 - 3.5, within(1e-9));
        List<String> ev = events(r.orderId());
        assertThat(ev).hasSize(3);
        assertThat(ev.get(0)).startsWith("submitted|1.101|");
        assertThat(ev.get(1)).startsWith("accepted|1.101|stop entry good till 2024-01-09T14:00:00Z");
        assertThat(ev.get(2)).startsWith("filled|1.10159").contains("gap through the stop entry");
        assertThat(orderStatus(r.orderId())).isEqualTo("filled");
        assertThat(events("acc-p1-sl")).containsExactly("accepted|1.099|stop-loss of acc-p1");
        assertThat(b.executions("EURUSD")).extracting(Execution::kind).containsExactly(Execution.Kind.FILLED);
    }

    @Test
    void aSellLimitTouchedIntrabarFillsAtItsLevelAndItsTargetCancelsTheStopLoss() throws SQLException {
        PaperBroker b = broker();
        OrderResult r = b.submit(entry(Side.SELL, OrderType.LIMIT, 1.10050, 1.10300, 1.09800, T0 + 7_200_000));
        assertThat(r.resting()).isTrue();
        // High 1.10040 < 1.10050: not reached.
        b.onBar("EURUSD", Timeframe.M15, bar(T0, 1.10010, 1.10040, 1.09980, 1.10020));
        assertThat(b.pendingOrders()).hasSize(1);
        // High 1.10070 from an open below the level: sold at exactly 1.10050 (a limit does not slip).
        b.onBar("EURUSD", Timeframe.M15, bar(T0 + M15, 1.10020, 1.10070, 1.10000, 1.10030));
        Position p = b.openPositions().get(0);
        assertThat(p.entry()).isEqualTo(1.10050);
        // Low 1.09780 + spread = ask 1.09788 <= target 1.09800: bought back at the target.
        List<ClosedTrade> c = b.onBar("EURUSD", Timeframe.M15, bar(T0 + 2 * M15, 1.09950, 1.09960, 1.09780, 1.09790));
        assertThat(c).hasSize(1);
        assertThat(c.get(0).reason()).isEqualTo("target");
        assertThat(c.get(0).exitPrice()).isEqualTo(1.09800);
        // (1.10050 − 1.09800) · 100 000 = 250; less 2 × 3.5 commission.
        assertThat(c.get(0).pricePnl()).isCloseTo(250, within(1e-6));
        assertThat(c.get(0).netPnl()).isCloseTo(243, within(1e-6));
        assertThat(b.balance()).isCloseTo(10_243, within(1e-6));
        assertThat(events(r.orderId())).extracting(e -> e.substring(0, e.indexOf('|')))
                .containsExactly("submitted", "accepted", "filled");
        assertThat(events(r.orderId()).get(2)).isEqualTo("filled|1.1005|bar reached the limit entry at 1.1005");
        // One cancels the other: the take-profit filled, the stop-loss cancelled.
        assertThat(events(p.id() + "-tp")).containsExactly("accepted|1.098|take-profit of acc-p1",
                "filled|1.098|target reached");
        assertThat(events(p.id() + "-sl")).containsExactly("accepted|1.103|stop-loss of acc-p1",
                "cancelled|null|oco: position closed (target)");
        assertThat(orderStatus(p.id() + "-sl")).isEqualTo("cancelled");
        assertThat(b.executions("EURUSD")).extracting(Execution::kind)
                .containsExactly(Execution.Kind.FILLED, Execution.Kind.CLOSED);
    }

    @Test
    void aBuyLimitGappedBelowFillsAtTheBetterOpenAsk() {
        PaperBroker b = broker();
        b.submit(entry(Side.BUY, OrderType.LIMIT, 1.09950, 1.09700, 1.10300, T0 + 7_200_000));
        // Opens at bid 1.09900: ask 1.09908 below the limit 1.09950: bought at 1.09908, no slippage.
        b.onBar("EURUSD", Timeframe.M15, bar(T0, 1.09900, 1.09960, 1.09880, 1.09940));
        assertThat(b.openPositions().get(0).entry()).isCloseTo(1.09908, within(1e-12));
    }

    @Test
    void aStopEntryFilledInABarThatAlsoReachesItsStopLossIsStoppedOutInThatBar() {
        PaperBroker b = broker();
        b.submit(entry(Side.BUY, OrderType.STOP, 1.10100, 1.10050, 1.10400, T0 + 7_200_000));
        // Ask high 1.10158 reaches 1.10100: bought at 1.10101. The low 1.10020 may have come after the fill, so the
        // stop 1.10050 counts as hit: sold at 1.10050 − 0.1 pip = 1.10049; (1.10049 − 1.10101) · 100 000 = −52.
        List<ClosedTrade> c = b.onBar("EURUSD", Timeframe.M15, bar(T0, 1.10000, 1.10150, 1.10020, 1.10120));
        assertThat(c).hasSize(1);
        assertThat(c.get(0).position().entry()).isCloseTo(1.10101, within(1e-12));
        assertThat(c.get(0).reason()).isEqualTo("stop");
        assertThat(c.get(0).exitPrice()).isCloseTo(1.10049, within(1e-12));
        assertThat(c.get(0).pricePnl()).isCloseTo(-52, within(1e-6));
        assertThat(b.openPositions()).isEmpty();
    }

    @Test
    void theFirstBarClosingAfterTheGoodTillTimeExpiresTheOrderUnfilled() throws SQLException {
        PaperBroker b = broker();
        OrderResult r = b.submit(entry(Side.BUY, OrderType.LIMIT, 1.09900, 1.09700, 1.10300, T0 + 2 * M15));
        // Asks down to 1.09958 and 1.09948: above the limit.
        b.onBar("EURUSD", Timeframe.M15, bar(T0, 1.10000, 1.10020, 1.09950, 1.10000));
        b.onBar("EURUSD", Timeframe.M15, bar(T0 + M15, 1.10000, 1.10010, 1.09940, 1.09960));
        assertThat(b.pendingOrders()).hasSize(1);
        // This bar's ask low 1.09808 would reach the limit, but the bar ends after the good-till time.
        b.onBar("EURUSD", Timeframe.M15, bar(T0 + 2 * M15, 1.09960, 1.09970, 1.09800, 1.09850));
        assertThat(b.pendingOrders()).isEmpty();
        assertThat(b.openPositions()).isEmpty();
        assertThat(b.balance()).isEqualTo(10_000);
        assertThat(orderStatus(r.orderId())).isEqualTo("expired");
        assertThat(events(r.orderId())).extracting(e -> e.substring(0, e.indexOf('|')))
                .containsExactly("submitted", "accepted", "expired");
        assertThat(events(r.orderId()).get(2)).isEqualTo("expired|null|good-till 2024-01-09T12:30:00Z passed unfilled");
        assertThat(b.executions("EURUSD")).extracting(Execution::kind).containsExactly(Execution.Kind.EXPIRED);
    }

    @Test
    void aRestingOrderCanBeCancelledOnceAndOneThatWouldFillAtOnceIsRejected() throws SQLException {
        PaperBroker b = broker();
        OrderResult r = b.submit(entry(Side.SELL, OrderType.STOP, 1.09900, 1.10100, 1.09600, T0 + 7_200_000));
        b.cancel(r.orderId(), T0 + 60_000, "signal withdrawn");
        assertThat(b.pendingOrders()).isEmpty();
        assertThat(orderStatus(r.orderId())).isEqualTo("cancelled");
        assertThat(events(r.orderId())).extracting(e -> e.substring(0, e.indexOf('|')))
                .containsExactly("submitted", "accepted", "cancelled");
        assertThat(events(r.orderId()).get(2)).isEqualTo("cancelled|null|signal withdrawn");
        assertThatThrownBy(() -> b.cancel(r.orderId(), T0 + 60_000, "again")).isInstanceOf(FxdException.class)
                .hasMessageContaining("no resting order " + r.orderId());
        // A cancelled order no longer fills: the bar reaches 1.09900 and nothing opens.
        b.onBar("EURUSD", Timeframe.M15, bar(T0, 1.10000, 1.10010, 1.09800, 1.09850));
        assertThat(b.openPositions()).isEmpty();
        // Ask 1.10008: a buy stop at 1.10005 is not above it.
        OrderResult bad = b.submit(entry(Side.BUY, OrderType.STOP, 1.10005, 1.09900, 1.10400, T0 + 7_200_000));
        assertThat(bad.accepted()).isFalse();
        assertThat(bad.rejection()).isEqualTo("stop buy at 1.10005 would fill at once (the ask is 1.10008)");
        assertThat(orderStatus(bad.orderId())).isEqualTo("rejected");
        assertThat(events(bad.orderId())).containsExactly("submitted|1.10005|null",
                "rejected|1.10005|stop buy at 1.10005 would fill at once (the ask is 1.10008)");
        // A stop-loss above a buy limit's level is refused as well.
        assertThat(b.submit(entry(Side.BUY, OrderType.LIMIT, 1.09900, 1.09950, 1.10400, T0 + 7_200_000)).rejection())
                .isEqualTo("stop 1.0995 is not on the losing side of the fill 1.099");
    }

    @Test
    void aBrokerReopenedOnTheSameDatabaseHoldsTheRestingOrderAndFillsItAlike() {
        PaperBroker first = broker();
        OrderResult r = first.submit(entry(Side.BUY, OrderType.STOP, 1.10100, 1.09900, 1.10400, T0 + 7_200_000));
        // As after a crash: a new broker on the same account, the first one gone.
        PaperBroker again = broker();
        assertThat(again.pendingOrders()).containsExactlyElementsOf(first.pendingOrders());
        assertThat(again.pendingOrders().get(0)).isEqualTo(new PendingOrder(r.orderId(), "EURUSD", Side.BUY,
                OrderType.STOP, 1.0, 1.10100, 1.09900, 1.10400, T0, T0 + 7_200_000));
        // Reached intrabar from an open below: 1.10100 + 0.1 pip.
        again.onBar("EURUSD", Timeframe.M15, bar(T0, 1.10000, 1.10110, 1.09990, 1.10100));
        Position p = again.openPositions().get(0);
        assertThat(p.entry()).isCloseTo(1.10101, within(1e-12));
        // Its next order id continues the sequence after the resting order's (no id handed out twice).
        OrderResult next = again.submit(new OrderRequest("EURUSD", Side.BUY, 0.1, 1.10100, null, null, T0 + M15));
        assertThat(next.orderId()).isEqualTo("acc-o2");
        assertThat(broker().pendingOrders()).isEmpty();
        assertThat(broker().openPositions()).hasSize(2);
    }

    @FunctionalInterface
    interface Case {
        void run() throws Exception;
    }

    /** The same lifecycle on PostgreSQL (the V14 table, its CHECK of the statuses, NULL levels read back). */
    @Test
    void onPostgresqlEveryStateIsStoredAlike() throws Exception {
        for (Case c : List.<Case>of(this::aBarGappingThroughABuyStopFillsAtTheOpenAskPlusSlippage,
                this::aSellLimitTouchedIntrabarFillsAtItsLevelAndItsTargetCancelsTheStopLoss,
                this::theFirstBarClosingAfterTheGoodTillTimeExpiresTheOrderUnfilled,
                this::aRestingOrderCanBeCancelledOnceAndOneThatWouldFillAtOnceIsRejected,
                this::aBrokerReopenedOnTheSameDatabaseHoldsTheRestingOrderAndFillsItAlike)) {
            try (com.forexdiffusion.trading.testing.TestPostgres pg = com.forexdiffusion.trading.testing.TestPostgres
                    .create(); Database d = pg.open()) {
                db = d;
                c.run();
            }
        }
    }
}
