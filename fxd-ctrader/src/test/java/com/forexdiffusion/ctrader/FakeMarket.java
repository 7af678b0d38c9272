package com.forexdiffusion.ctrader;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.InstrumentCatalog;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.client.CTraderHistory;
import com.forexdiffusion.ctrader.client.CredentialStore;
import com.forexdiffusion.ctrader.client.Endpoint;
import com.forexdiffusion.ctrader.client.SymbolCache;
import com.forexdiffusion.data.store.CandleWriter;
import com.forexdiffusion.data.store.Database;
import com.forexdiffusion.data.synthetic.SyntheticConfig;
import com.forexdiffusion.data.synthetic.SyntheticGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/** Test fixtures: stored synthetic M1 bars on the 1/100000 grid, credentials files, clients for a fake server. */
public final class FakeMarket {
    public static final String CLIENT_ID = "fxd-test-client";
    public static final String CLIENT_SECRET = "s3cr3t-client-Q9x7";
    public static final String ACCESS_TOKEN = "acc-tok-Zq81-secret";
    public static final String REFRESH_TOKEN = "ref-tok-Lp22-secret";

    private FakeMarket() {
    }

    public static Database db(Path dir, String name) {
        return Database.open("sqlite:" + dir.resolve(name));
    }

    /** {@code days} of synthetic EURUSD M1 from {@code start} (5 price digits, weekends closed), stored and returned. */
    public static BarSeries seed(Database db, String symbol, Instant start, int days, long seed) {
        SyntheticConfig cfg = SyntheticConfig.forInstrument(InstrumentCatalog.builtIn().resolve(symbol), seed);
        BarSeries bars = new SyntheticGenerator(cfg).generate(symbol, start.toEpochMilli(), days);
        try (CandleWriter w = db.candles().writer()) {
            w.addAll(bars, "synthetic");
            w.commit();
        }
        return bars;
    }

    public static Path credentialsFile(Path dir) throws IOException {
        Path f = dir.resolve("ctrader.properties");
        Files.writeString(f, "client_id=" + CLIENT_ID + "\nclient_secret=" + CLIENT_SECRET + "\naccess_token="
                + ACCESS_TOKEN + "\nrefresh_token=" + REFRESH_TOKEN + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    public static CredentialStore store(Path file) {
        return CredentialStore.resolve(file, Map.of(), null);
    }

    public static CTraderClient.Builder client(int port, CredentialStore credentials) {
        return CTraderClient.builder().endpoint(new Endpoint("127.0.0.1", port, false, true))
                .credentials(credentials).backoff(Duration.ofMillis(20), Duration.ofMillis(200)).seed(7)
                .requestTimeout(Duration.ofSeconds(5)).heartbeat(Duration.ofSeconds(2));
    }

    public static CTraderHistory history(CTraderClient client, Database db, InstantSource clock, int barsPerRequest) {
        return CTraderHistory.builder().client(client).symbolCache(new SymbolCache(db)).clock(clock)
                .barsPerRequest(barsPerRequest).build();
    }

    /** Asserts nothing; a readable one-line form of a series for failure messages. */
    public static String brief(BarSeries s) {
        return s.size() + " bars " + (s.isEmpty() ? "" : Instant.ofEpochMilli(s.firstTs()) + ".."
                + Instant.ofEpochMilli(s.lastTs())) + " " + s.timeframe();
    }

    public static Timeframe m1() {
        return Timeframe.M1;
    }
}
