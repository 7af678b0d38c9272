package com.forexdiffusion.ctrader;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.client.CTraderHistory;
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

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Fetching history from the fake server over real TLS: exact bars across batches and the end-date rule. */
class CTraderHistoryTest {
    /** Wednesday 2024-03-06 12:34:30 UTC: "today" for the end-date rule. */
    static final Instant NOW = Instant.parse("2024-03-06T12:34:30Z");
    static final Instant START = Instant.parse("2024-03-04T00:00:00Z");

    @TempDir
    Path dir;
    Database source;
    Database target;
    BarSeries stored;
    FakeServer server;

    @BeforeEach
    void setUp() {
        source = FakeMarket.db(dir, "source.db");
        // Three days of bars, including the rest of "today" after NOW, which must never be fetched.
        stored = FakeMarket.seed(source, "EURUSD", START, 3, 11);
        target = FakeMarket.db(dir, "target.db");
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private FakeServer start(FakeServer.Builder b) {
        server = b.candles(source.candles()).clock(InstantSource.fixed(NOW)).build().start();
        return server;
    }

    private HistoryImportResult fetch(CTraderClient client, LocalDate from, LocalDate to, int barsPerRequest) {
        CTraderHistory history = FakeMarket.history(client, target, InstantSource.fixed(NOW), barsPerRequest);
        return new HistoryImport(target.candles()).run(history,
                HistoryRequest.ofDates("EURUSD", Timeframe.M1, from, to, InstantSource.fixed(NOW)), null);
    }

    @Test
    void aRangeEndingTodayEqualsTheStoredBarsClosedBeforeNowAcrossBatchBoundaries() throws Exception {
        // 500-slot windows and a server that returns at most 300 bars a reply: both splits are crossed many times.
        start(FakeServer.builder().maxBarsPerReply(300));
        try (CTraderClient client = FakeMarket.client(server.port(),
                FakeMarket.store(FakeMarket.credentialsFile(dir))).build()) {
            HistoryImportResult r = fetch(client, LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 6), 500);
            // The bar opened at 12:34 is still forming at 12:34:30; 12:33 is the last closed one.
            BarSeries expected = stored.between(START.toEpochMilli(), Instant.parse("2024-03-06T12:34:00Z")
                    .toEpochMilli());
            Series.assertSame(target.candles().readAll("EURUSD", Timeframe.M1), expected);
            assertThat(r.fetched()).isEqualTo(expected.size());
            assertThat(r.stored()).isEqualTo(expected.size());
            assertThat(r.gaps()).isZero();
            List<RequestLog.Entry> bars = trendbarRequests();
            assertThat(bars.size()).as("windows and hasMore follow-ups").isGreaterThan(expected.size() / 300);
            // The end-date rule: the last request of a range ending today ends now, not at 23:59:59.999.
            assertThat(bars.stream().mapToLong(RequestLog.Entry::toMs).max().orElseThrow())
                    .isEqualTo(NOW.toEpochMilli());
        }
    }

    @Test
    void aPastEndDateEndsAt235959999AndARefetchStoresNothingNew() throws Exception {
        start(FakeServer.builder());
        try (CTraderClient client = FakeMarket.client(server.port(),
                FakeMarket.store(FakeMarket.credentialsFile(dir))).build()) {
            HistoryImportResult first = fetch(client, LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 5), 10_080);
            long endMs = Instant.parse("2024-03-05T23:59:59.999Z").toEpochMilli();
            assertThat(trendbarRequests()).extracting(RequestLog.Entry::toMs).containsExactly(endMs);
            BarSeries expected = stored.between(START.toEpochMilli(), endMs + 1);
            Series.assertSame(target.candles().readAll("EURUSD", Timeframe.M1), expected);
            assertThat(first.newRows()).isEqualTo(expected.size());

            HistoryImportResult again = fetch(client, LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 5), 10_080);
            assertThat(again.fetched()).isEqualTo(expected.size());
            assertThat(again.newRows()).isZero();
            Series.assertSame(target.candles().readAll("EURUSD", Timeframe.M1), expected);
        }
    }

    @Test
    void theSymbolsListIsCachedInTheDatabaseAcrossClients() throws Exception {
        start(FakeServer.builder());
        Path creds = FakeMarket.credentialsFile(dir);
        for (int run = 0; run < 2; run++) {
            try (CTraderClient client = FakeMarket.client(server.port(), FakeMarket.store(creds)).build()) {
                fetch(client, LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 4), 10_080);
            }
        }
        long symbolLists = server.requests().stream()
                .filter(e -> e.payloadType() == ProtoOAPayloadType.PROTO_OA_SYMBOLS_LIST_REQ_VALUE).count();
        assertThat(server.connections()).isEqualTo(2);
        assertThat(symbolLists).as("the second client finds EURUSD in the cache").isEqualTo(1);
    }

    @Test
    void framesCutIntoRandomPiecesAndJoinedWithOthersDecodeTheSame() throws Exception {
        start(FakeServer.builder().maxBarsPerReply(700).fragmentWrites(true, 99));
        try (CTraderClient client = FakeMarket.client(server.port(),
                FakeMarket.store(FakeMarket.credentialsFile(dir))).build()) {
            fetch(client, LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 5), 2_000);
            BarSeries expected = stored.between(START.toEpochMilli(),
                    Instant.parse("2024-03-06T00:00:00Z").toEpochMilli());
            Series.assertSame(target.candles().readAll("EURUSD", Timeframe.M1), expected);
            assertThat(server.connections()).as("no frame was misread").isEqualTo(1);
        }
    }

    @Test
    void otherPeriodsComeByTheirOwnPeriodAndAnUnknownSymbolIsAClearError() throws Exception {
        BarSeries h1 = com.forexdiffusion.data.resample.Resampler.resample(stored, Timeframe.H1);
        try (com.forexdiffusion.data.store.CandleWriter w = source.candles().writer()) {
            w.addAll(h1, "resampled");
            w.commit();
        }
        start(FakeServer.builder());
        try (CTraderClient client = FakeMarket.client(server.port(),
                FakeMarket.store(FakeMarket.credentialsFile(dir))).build()) {
            CTraderHistory history = FakeMarket.history(client, target, InstantSource.fixed(NOW), 24);
            new HistoryImport(target.candles()).run(history, HistoryRequest.ofDates("EURUSD", Timeframe.H1,
                    LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 5), InstantSource.fixed(NOW)), null);
            Series.assertSame(target.candles().readAll("EURUSD", Timeframe.H1),
                    h1.between(START.toEpochMilli(), Instant.parse("2024-03-06T00:00:00Z").toEpochMilli()));
            assertThat(target.candles().count("EURUSD", Timeframe.M1)).isZero();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> history.symbolId("GBPUSD"))
                    .isInstanceOf(com.forexdiffusion.core.FxdException.class)
                    .hasMessageContaining("symbol GBPUSD is not offered").hasMessageContaining("EURUSD");
        }
    }

    private List<RequestLog.Entry> trendbarRequests() {
        return server.requests().stream()
                .filter(e -> e.payloadType() == ProtoOAPayloadType.PROTO_OA_GET_TRENDBARS_REQ_VALUE).toList();
    }
}
