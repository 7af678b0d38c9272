package com.forexdiffusion.ctrader;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.client.CTraderHistory;
import com.forexdiffusion.ctrader.fake.Fault;
import com.forexdiffusion.ctrader.fake.FaultPlan;
import com.forexdiffusion.ctrader.fake.FakeServer;
import com.forexdiffusion.ctrader.fake.RequestLog;
import com.forexdiffusion.data.history.HistoryImport;
import com.forexdiffusion.data.history.HistoryImportResult;
import com.forexdiffusion.data.history.HistoryRequest;
import com.forexdiffusion.data.store.Database;
import com.xtrader.protocol.openapi.v2.model.ProtoOAPayloadType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Drops, bad frames and rate limits during a fetch: the stored series still equals the source, no gap, no repeat. */
class CTraderResilienceTest {
    static final Instant NOW = Instant.parse("2024-03-08T12:00:00Z");
    static final Instant START = Instant.parse("2024-03-04T00:00:00Z");
    static final Instant END = Instant.parse("2024-03-05T23:59:59.999Z");

    @TempDir
    Path dir;
    Database source;
    Database target;
    BarSeries expected;
    FakeServer server;
    ListAppender<ILoggingEvent> logs;
    Logger root;
    ch.qos.logback.classic.Level level;

    @BeforeEach
    void setUp() {
        source = FakeMarket.db(dir, "source.db");
        BarSeries stored = FakeMarket.seed(source, "EURUSD", START, 2, 5);
        expected = stored.between(START.toEpochMilli(), END.toEpochMilli() + 1);
        target = FakeMarket.db(dir, "target.db");
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        level = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        root.detachAppender(logs);
        root.setLevel(level);
        if (server != null) {
            server.close();
        }
    }

    private HistoryImportResult fetch(FaultPlan faults, int barsPerRequest) throws Exception {
        server = FakeServer.builder().candles(source.candles()).clock(InstantSource.fixed(NOW)).faults(faults)
                .build().start();
        try (CTraderClient client = FakeMarket.client(server.port(),
                FakeMarket.store(FakeMarket.credentialsFile(dir))).build()) {
            CTraderHistory history = FakeMarket.history(client, target, InstantSource.fixed(NOW), barsPerRequest);
            HistoryImportResult r = new HistoryImport(target.candles()).run(history,
                    new HistoryRequest("EURUSD", Timeframe.M1, START.toEpochMilli(), END.toEpochMilli()), null);
            assertThat(client.reconnects()).isEqualTo(server.connections() - 1);
            return r;
        }
    }

    @Test
    void dropsMidFetchReconnectWithBackoffAndTheSeriesHasNoGapAndNoDuplicate() throws Exception {
        HistoryImportResult r = fetch(FaultPlan.none().at(3, Fault.DROP).at(4, Fault.DROP).at(9, Fault.DROP), 300);
        Series.assertSame(target.candles().readAll("EURUSD", Timeframe.M1), expected);
        assertThat(r.gaps()).isZero();
        assertThat(r.stored()).isEqualTo(expected.size());
        assertThat(server.connections()).isEqualTo(4);
        // The dropped request is sent again on the next connection, with the same range.
        List<RequestLog.Entry> bars = trendbars();
        assertThat(bars.get(3).fromMs()).isEqualTo(bars.get(2).fromMs());
        assertThat(bars.get(3).connection()).isGreaterThan(bars.get(2).connection());
        // Two drops in a row (requests 3 and 4) back off from [10, 20] ms to [20, 40] ms; after a good reply the
        // backoff starts again, so the drop at request 9 waits [10, 20] ms.
        List<Long> delays = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("connecting again in"))
                .map(m -> Long.parseLong(m.replaceAll(".*connecting again in (\\d+) ms.*", "$1"))).toList();
        assertThat(delays).hasSize(3);
        assertThat(delays.get(0)).isBetween(10L, 20L);
        assertThat(delays.get(1)).isBetween(20L, 40L);
        assertThat(delays.get(2)).isBetween(10L, 20L);
    }

    @Test
    void badFramesCloseTheConnectionWithAClearLogLineAndNothingIsLost() throws Exception {
        fetch(FaultPlan.none().at(2, Fault.WRONG_LENGTH).at(4, Fault.UNKNOWN_TYPE).at(6, Fault.TRUNCATED), 300);
        Series.assertSame(target.candles().readAll("EURUSD", Timeframe.M1), expected);
        assertThat(server.connections()).isEqualTo(4);
        List<String> warnings = logs.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("bad frame")).toList();
        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0)).contains("frame length").contains("out of bounds");
        assertThat(warnings.get(1)).contains("unknown payload type 9999");
        assertThat(warnings.get(2)).contains("is not a ProtoMessage");
    }

    @Test
    void fiftyHistoryRequestsNeverExceedFivePerSecondAndARateLimitReplyIsRetried() throws Exception {
        // 2 days of M1 in 58-slot windows: 50 windows (request 7 is refused once and sent again: 51 requests).
        fetch(FaultPlan.none().at(7, Fault.RATE_LIMIT), 58);
        Series.assertSame(target.candles().readAll("EURUSD", Timeframe.M1), expected);
        List<RequestLog.Entry> bars = trendbars();
        assertThat(bars).hasSize(51);
        assertThat(bars.get(7).fromMs()).as("the refused request sent again").isEqualTo(bars.get(6).fromMs());
        assertThat(server.rateViolations()).isZero();
        for (int i = 5; i < bars.size(); i++) {
            assertThat(bars.get(i).nanos() - bars.get(i - 5).nanos()).as("requests %d..%d", i - 5, i)
                    .isGreaterThanOrEqualTo(1_000_000_000L);
        }
    }

    private List<RequestLog.Entry> trendbars() {
        return server.requests().stream()
                .filter(e -> e.payloadType() == ProtoOAPayloadType.PROTO_OA_GET_TRENDBARS_REQ_VALUE).toList();
    }
}
