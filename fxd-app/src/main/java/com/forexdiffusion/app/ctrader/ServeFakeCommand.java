package com.forexdiffusion.app.ctrader;

import com.forexdiffusion.app.DbOptions;
import com.forexdiffusion.app.TimeArg;
import com.forexdiffusion.ctrader.client.CredentialStore;
import com.forexdiffusion.ctrader.client.Credentials;
import com.forexdiffusion.ctrader.fake.FakeServer;
import com.forexdiffusion.ctrader.fake.Fault;
import com.forexdiffusion.ctrader.fake.FaultPlan;
import com.forexdiffusion.data.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve-fake", mixinStandardHelpOptions = true,
        description = {"A local cTrader Open API server answering from the stored bars (127.0.0.1 only, a "
                + "self-signed certificate made at start: clients need --insecure).",
                "Prints 'listening on 127.0.0.1:PORT' when ready; runs until stopped."},
        footer = {"%nExamples:",
                "  fxd ctrader serve-fake --port 5035 --db sqlite:data/fxd.db",
                "  fxd ctrader serve-fake --port 0 --drop-every 10 --rate-limit-every 7"})
public final class ServeFakeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "0", description = "TCP port on 127.0.0.1, 0 for any free one (default: "
            + "${DEFAULT-VALUE}).")
    int port;

    @Mixin
    DbOptions db;

    @Option(names = "--credentials", paramLabel = "FILE", description = "Accept only these credentials (a file as "
            + "for fxd data fetch; default: any client id and any non-empty token).")
    Path credentials;

    @Option(names = "--expired-token", description = "Refuse the given access token as expired until refreshed.")
    boolean expiredToken;

    @Option(names = "--spots-from", paramLabel = "TIME",
            description = "Replay spot prices from the stored M1 bars from this time on (default: no spots).")
    String spotsFrom;

    @Option(names = "--speed", defaultValue = "60",
            description = "Spot replay speed in simulated seconds per second (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--max-bars", defaultValue = "5000",
            description = "Most trendbars in one reply, the latest ones, with hasMore (default: ${DEFAULT-VALUE}).")
    int maxBars;

    @Option(names = "--drop-every", paramLabel = "N", defaultValue = "0",
            description = "Close the connection at every N-th history request (0: never; default: ${DEFAULT-VALUE}).")
    int dropEvery;

    @Option(names = "--rate-limit-every", paramLabel = "N",
            defaultValue = "0", description = "Reply REQUEST_FREQUENCY_EXCEEDED to every N-th history request (0: never; "
            + "default: ${DEFAULT-VALUE}).")
    int rateLimitEvery;

    @Option(names = "--bad-frame-every", paramLabel = "N",
            defaultValue = "0", description = "Send a truncated frame instead of every N-th history reply (0: never; "
            + "default: ${DEFAULT-VALUE}).")
    int badFrameEvery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        FaultPlan faults = FaultPlan.none();
        if (dropEvery > 0) {
            faults.every(dropEvery, Fault.DROP);
        }
        if (rateLimitEvery > 0) {
            faults.every(rateLimitEvery, Fault.RATE_LIMIT);
        }
        if (badFrameEvery > 0) {
            faults.every(badFrameEvery, Fault.TRUNCATED);
        }
        try (Database d = db.open()) {
            FakeServer.Builder b = FakeServer.builder().candles(d.candles()).port(port).maxBarsPerReply(maxBars)
                    .faults(faults).accessTokenExpired(expiredToken);
            if (credentials != null) {
                Credentials c = CredentialStore.resolve(credentials, Map.of(), null).load();
                b.credentials(c.clientId(), c.clientSecret(), c.accessToken(), c.refreshToken());
            }
            if (spotsFrom != null) {
                b.spots(speed, TimeArg.parse("spots-from", spotsFrom));
            }
            CountDownLatch stop = new CountDownLatch(1);
            FakeServer server = b.build().start();
            // Ctrl-C or a kill ends the process: the hook closes the server's socket and connections first.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stop.countDown();
            }));
            try {
                PrintWriter out = spec.commandLine().getOut();
                out.println("listening on 127.0.0.1:" + server.port());
                out.flush();
                stop.await();
            } finally {
                server.close();
            }
        }
        return 0;
    }
}
