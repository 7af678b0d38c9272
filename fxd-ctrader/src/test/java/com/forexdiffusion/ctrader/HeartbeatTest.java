package com.forexdiffusion.ctrader;

import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.fake.FakeServer;
import com.forexdiffusion.data.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Heartbeats keep an idle connection; a server that falls silent for three heartbeats is taken as gone. */
class HeartbeatTest {
    @TempDir
    Path dir;

    /** Connections and client heartbeats received after 1.2 s idle. */
    private int[] afterIdle(Duration serverHeartbeat) throws Exception {
        Database db = FakeMarket.db(dir, "s-" + serverHeartbeat.toMillis() + ".db");
        FakeMarket.seed(db, "EURUSD", Instant.parse("2024-03-04T00:00:00Z"), 1, 1);
        try (FakeServer server = FakeServer.builder().candles(db.candles()).heartbeat(serverHeartbeat).build().start();
             CTraderClient client = FakeMarket.client(server.port(), FakeMarket.store(FakeMarket.credentialsFile(dir)))
                     .heartbeat(Duration.ofMillis(150)).build()) {
            long account = client.accountId();
            Thread.sleep(1200);
            assertThat(client.accountId()).isEqualTo(account);
            return new int[] {server.connections(), server.heartbeatsReceived()};
        }
    }

    @Test
    void anIdleConnectionLivesOnHeartbeatsAndASilentServerIsDropped() throws Exception {
        int[] alive = afterIdle(Duration.ofMillis(150));
        assertThat(alive[0]).as("connections").isEqualTo(1);
        assertThat(alive[1]).as("client heartbeats in 1.2 s at 150 ms").isGreaterThanOrEqualTo(5);
        // Silent for 450 ms (three client heartbeats): the client closes and reconnects for its next request.
        assertThat(afterIdle(Duration.ofSeconds(30))[0]).as("connections").isEqualTo(2);
    }
}
