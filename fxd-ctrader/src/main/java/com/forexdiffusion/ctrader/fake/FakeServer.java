package com.forexdiffusion.ctrader.fake;

import com.forexdiffusion.core.FxdException;
import com.forexdiffusion.data.store.CandleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLServerSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The project's own cTrader Open API server (SPEC §9) for tests and the demo: the same framing and messages as the
 * real proxies, answered from stored bars. It binds to 127.0.0.1 only and presents a self-signed certificate made at
 * start. It runs the auth flow (application, account list, account, token refresh; an access token can start out
 * expired), the symbols list, trendbars with the end-date semantics (nothing after its clock's now, at most
 * {@code maxBarsPerReply} bars per reply, the latest ones, with hasMore), spot replay at a chosen speed, the history
 * rate limit, and injected faults.
 */
public final class FakeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeServer.class);
    static final long DEMO_ACCOUNT = 1001;
    static final long LIVE_ACCOUNT = 2002;

    final CandleStore candles;
    final InstantSource clock;
    final Tokens tokens;
    final FaultPlan faults;
    final int maxBarsPerReply;
    final int ratePermits;
    final long rateWindowMs;
    final double spotSpeed;
    final long spotsFromMs;
    final long spotsUntilMs;
    final long heartbeatMs;
    final long writeSeed;
    final boolean fragmentWrites;
    final java.util.function.LongConsumer onTick;
    final List<RequestLog.Entry> log = new CopyOnWriteArrayList<>();
    final AtomicInteger historyRequests = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger heartbeats = new AtomicInteger();
    final RateWindow rateWindow;
    private final SSLServerSocket server;
    private final List<FakeSession> sessions = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;
    private SpotReplay spots;
    private volatile List<String> symbols;

    private FakeServer(Builder b) throws IOException {
        this.candles = Objects.requireNonNull(b.candles, "candles");
        this.clock = b.clock;
        this.tokens = new Tokens(b.clientId, b.clientSecret, b.accessToken, b.refreshToken, b.accessTokenExpired);
        this.faults = b.faults;
        this.maxBarsPerReply = b.maxBarsPerReply;
        this.ratePermits = b.ratePermits;
        this.rateWindowMs = b.rateWindowMs;
        this.spotSpeed = b.spotSpeed;
        this.spotsFromMs = b.spotsFromMs;
        this.spotsUntilMs = b.spotsUntilMs;
        this.heartbeatMs = b.heartbeat.toMillis();
        this.writeSeed = b.writeSeed;
        this.fragmentWrites = b.fragmentWrites;
        this.onTick = b.onTick;
        this.rateWindow = new RateWindow(ratePermits, rateWindowMs);
        this.server = (SSLServerSocket) SelfSignedCertificate.serverContext().getServerSocketFactory()
                .createServerSocket(b.port, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "ctrader-fake-acceptor");
        acceptor.setDaemon(true);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts accepting connections (and the spot replay, when configured); returns once the port is bound. */
    public FakeServer start() {
        if (spotsConfigured()) {
            spots().start();
        }
        acceptor.start();
        LOG.info("cTrader fake server listening on 127.0.0.1:{}", port());
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Every request received, in order of arrival. */
    public List<RequestLog.Entry> requests() {
        return new ArrayList<>(log);
    }

    /** History requests that arrived while the rate window already held its permits. */
    public int rateViolations() {
        return rateWindow.violations();
    }

    /** Heartbeat events received from clients. */
    public int heartbeatsReceived() {
        return heartbeats.get();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** The access token now valid (tests compare it with what the client saved). */
    public String currentAccessToken() {
        return tokens.access();
    }

    /**
     * Expires the access token and tells every session so (ProtoOAAccountsTokenInvalidatedEvent), as the real
     * server does when a token is revoked or runs out.
     */
    public void invalidateTokens() {
        tokens.expireAccess();
        sessions.forEach(s -> s.send(com.xtrader.protocol.openapi.v2.ProtoOAAccountsTokenInvalidatedEvent.newBuilder()
                .addCtidTraderAccountIds(s.account()).setReason("Access Token is expired").build(), null));
    }

    /** Closes every open connection (an outage); the server keeps accepting new ones. */
    public void dropAll() {
        sessions.forEach(FakeSession::close);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                FakeSession session = new FakeSession(this, s, connections.incrementAndGet());
                sessions.add(session);
                session.start();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("cTrader fake server: accept failed: {}", e.getMessage());
                }
            }
        }
    }

    /** The symbols served (ids 1.. in name order), as last read from the store. */
    List<String> symbols() {
        List<String> s = symbols;
        return s != null ? s : refreshSymbols();
    }

    /** Reads the symbols from the store again: stored series can grow while the server runs. */
    List<String> refreshSymbols() {
        symbols = FakeSession.readSymbolNames(this);
        return symbols;
    }

    boolean spotsConfigured() {
        return spotsFromMs != Long.MIN_VALUE;
    }

    /** The market replay; without spot settings, one that replays from the start of the store when subscribed. */
    synchronized SpotReplay spots() {
        if (spots == null) {
            spots = new SpotReplay(this);
        }
        return spots;
    }

    /** The server's now: the replay time while spots are replayed, else its clock. */
    long nowMs() {
        return spotsConfigured() ? spots().nowMs() : clock.millis();
    }

    /** Whether the spot replay has sent every stored bar. */
    public boolean replayFinished() {
        return spotsConfigured() && spots().finished();
    }

    /** The replay time (epoch ms) while spots are replayed. */
    public long replayNowMs() {
        return nowMs();
    }

    void ended(FakeSession s) {
        sessions.remove(s);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropAll();
        if (spots != null) {
            spots.stop();
        }
    }

    /** Settings: the candle store is required. */
    public static final class Builder {
        private CandleStore candles;
        private InstantSource clock = InstantSource.system();
        private int port;
        private String clientId;
        private String clientSecret;
        private String accessToken;
        private String refreshToken;
        private boolean accessTokenExpired;
        private FaultPlan faults = FaultPlan.none();
        private int maxBarsPerReply = 5000;
        private int ratePermits = 5;
        private long rateWindowMs = 1000;
        private double spotSpeed = 60;
        private long spotsFromMs = Long.MIN_VALUE;
        private long spotsUntilMs = Long.MAX_VALUE;
        private Duration heartbeat = Duration.ofSeconds(10);
        private long writeSeed;
        private boolean fragmentWrites;
        private java.util.function.LongConsumer onTick = t -> { };

        public Builder candles(CandleStore c) {
            this.candles = c;
            return this;
        }

        /** The server's now: no bar after it is served, and "today" ends at it. */
        public Builder clock(InstantSource c) {
            this.clock = c;
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int p) {
            if (p < 0 || p > 65535) {
                throw new FxdException("--port " + p + " is not 0..65535");
            }
            this.port = p;
            return this;
        }

        /**
         * The credentials the server accepts; without them it accepts any client and any non-empty token (the demo),
         * and issues tokens of its own on refresh.
         */
        public Builder credentials(String clientId, String clientSecret, String accessToken, String refreshToken) {
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.accessToken = accessToken;
            this.refreshToken = refreshToken;
            return this;
        }

        /** The given access token is refused as expired until the client refreshes it. */
        public Builder accessTokenExpired(boolean expired) {
            this.accessTokenExpired = expired;
            return this;
        }

        public Builder faults(FaultPlan f) {
            this.faults = f;
            return this;
        }

        public Builder maxBarsPerReply(int n) {
            this.maxBarsPerReply = Math.max(1, n);
            return this;
        }

        /** The history rate limit it enforces (replying REQUEST_FREQUENCY_EXCEEDED): 5 per 1000 ms by default. */
        public Builder rateLimit(int permits, long windowMs) {
            this.ratePermits = permits;
            this.rateWindowMs = windowMs;
            return this;
        }

        /** Spot replay: simulated seconds per real second (60: one M1 bar a second), from this bar time on. */
        public Builder spots(double speed, long fromMs) {
            if (!(speed > 0)) {
                throw new FxdException("--speed must be > 0 (simulated seconds per second), got " + speed);
            }
            this.spotSpeed = speed;
            this.spotsFromMs = fromMs;
            return this;
        }

        /** Spot replay of the bars opening in [fromMs, untilMs). */
        public Builder spots(double speed, long fromMs, long untilMs) {
            this.spotsUntilMs = untilMs;
            return spots(speed, fromMs);
        }

        /**
         * Told each replay tick's time (epoch ms) just before its spots are sent, on the replay's thread: a bar has
         * closed on this server when the tick at its end time is told (what live-latency figures start from).
         */
        public Builder onTick(java.util.function.LongConsumer listener) {
            this.onTick = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder heartbeat(Duration d) {
            this.heartbeat = d;
            return this;
        }

        /** Cut every write into random pieces and join small frames (seeded), as a network may. */
        public Builder fragmentWrites(boolean on, long seed) {
            this.fragmentWrites = on;
            this.writeSeed = seed;
            return this;
        }

        public FakeServer build() {
            try {
                return new FakeServer(this);
            } catch (IOException e) {
                throw new FxdException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
            }
        }
    }
}
