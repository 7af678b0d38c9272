package com.forexdiffusion.ctrader.client;

import com.forexdiffusion.core.FxdException;
import com.google.protobuf.Message;
import com.xtrader.protocol.openapi.v2.ProtoOAAccountAuthReq;
import com.xtrader.protocol.openapi.v2.ProtoOAAccountsTokenInvalidatedEvent;
import com.xtrader.protocol.openapi.v2.ProtoOAClientDisconnectEvent;
import com.xtrader.protocol.openapi.v2.ProtoOAApplicationAuthReq;
import com.xtrader.protocol.openapi.v2.ProtoOAGetAccountListByAccessTokenReq;
import com.xtrader.protocol.openapi.v2.ProtoOAGetAccountListByAccessTokenRes;
import com.xtrader.protocol.openapi.v2.ProtoOARefreshTokenReq;
import com.xtrader.protocol.openapi.v2.ProtoOARefreshTokenRes;
import com.xtrader.protocol.openapi.v2.ProtoOASubscribeLiveTrendbarReq;
import com.xtrader.protocol.openapi.v2.ProtoOASubscribeSpotsReq;
import com.xtrader.protocol.openapi.v2.model.ProtoOACtidTraderAccount;
import com.xtrader.protocol.openapi.v2.model.ProtoOATrendbarPeriod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A session with the cTrader Open API (SPEC §9): connects over TLS, authorises the application and the account
 * (refreshing the access token once when it is refused, and saving the new tokens), and sends requests that survive a
 * dropped connection: the client reconnects with exponential backoff and jitter and sends the request again. Rate-limit
 * replies are waited out and retried. Listeners learn of events (spots) and of every reconnect, so that a live source
 * can fetch what it missed. Thread-safe.
 */
public final class CTraderClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CTraderClient.class);

    private final Endpoint endpoint;
    private final CredentialStore store;
    private final Backoff backoff;
    private final int maxConnectAttempts;
    private final int maxRequestAttempts;
    private final long requestTimeoutMs;
    private final long heartbeatMs;
    private final List<Consumer<Message>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    private final Set<Long> spotSymbols = ConcurrentHashMap.newKeySet();
    private final Set<Long> liveBarSymbols = ConcurrentHashMap.newKeySet();
    private Credentials credentials;
    private Long accountId;
    private volatile Connection connection;
    private volatile boolean tokenInvalidated;
    private boolean everConnected;
    private boolean closed;
    private int reconnects;

    private CTraderClient(Builder b) {
        this.endpoint = Objects.requireNonNull(b.endpoint, "endpoint");
        this.store = Objects.requireNonNull(b.credentials, "credentials");
        this.backoff = new Backoff(b.backoffBase, b.backoffMax, b.seed);
        this.maxConnectAttempts = b.maxConnectAttempts;
        this.maxRequestAttempts = b.maxRequestAttempts;
        this.requestTimeoutMs = b.requestTimeout.toMillis();
        this.heartbeatMs = b.heartbeat.toMillis();
        this.accountId = b.accountId;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The authorised trading account (connecting first when needed). */
    public synchronized long accountId() {
        ensureConnected();
        return accountId;
    }

    /** Connections re-established after a drop, since the client was built. */
    public synchronized int reconnects() {
        return reconnects;
    }

    public void onEvent(Consumer<Message> listener) {
        eventListeners.add(listener);
    }

    /** Runs after every reconnect (not the first connect), on the thread that reconnected. */
    public void onReconnect(Runnable listener) {
        reconnectListeners.add(listener);
    }

    /**
     * Sends a request and waits for its reply, reconnecting and resending when the connection drops and waiting out
     * rate-limit replies. Only idempotent requests (reads, subscriptions) go through here.
     *
     * @throws ApiErrorException for any other error reply
     */
    public Message call(Message request) {
        return call(request, null);
    }

    /**
     * {@link #call(Message)} with every attempt, resends included, counted against {@code limiter} (null: none): the
     * history rate limit holds for the requests on the wire, not only for the first try of each.
     */
    public Message call(Message request, RateLimiter limiter) {
        String what = request.getDescriptorForType().getName();
        FxdException last = null;
        for (int attempt = 1; attempt <= maxRequestAttempts; attempt++) {
            Connection c = ensureConnected();
            try {
                if (limiter != null) {
                    limiter.acquire();
                }
                Message reply = await(c.request(request), c);
                resetBackoff();
                return reply;
            } catch (ConnectionLostException e) {
                last = e;
                LOG.info("cTrader {}: {}; reconnecting", endpoint.address(), e.getMessage());
            } catch (ApiErrorException e) {
                if (!e.isRateLimit()) {
                    throw e;
                }
                last = e;
                long waitMs = e.retryAfterSeconds() > 0 ? e.retryAfterSeconds() * 1000 : backoff.nextDelayMs();
                LOG.info("cTrader {}: rate limit reply to {} ({}); retrying in {} ms", endpoint.address(), what,
                        e.errorCode(), waitMs);
                sleep(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FxdException("interrupted while waiting for the cTrader rate limit");
            }
        }
        throw new FxdException("cTrader " + endpoint.address() + ": " + what + " failed " + maxRequestAttempts
                + " times; last: " + last.getMessage());
    }

    private Message await(java.util.concurrent.CompletableFuture<Message> reply, Connection c) {
        try {
            return reply.get(requestTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            c.close("no reply within " + requestTimeoutMs + " ms");
            throw new ConnectionLostException("no reply within " + requestTimeoutMs + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FxdException f) {
                throw f;
            }
            throw new ConnectionLostException("request failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FxdException("interrupted while waiting for cTrader");
        }
    }

    /** Subscribes to spot prices of a symbol; kept across reconnects. */
    public void subscribeSpots(long symbolId) {
        spotSymbols.add(symbolId);
        call(ProtoOASubscribeSpotsReq.newBuilder().setCtidTraderAccountId(accountId()).addSymbolId(symbolId)
                .setSubscribeToSpotTimestamp(true).build());
    }

    /** Subscribes to the live M1 trendbar in the spot events of a symbol (after {@link #subscribeSpots}). */
    public void subscribeLiveBars(long symbolId) {
        liveBarSymbols.add(symbolId);
        call(ProtoOASubscribeLiveTrendbarReq.newBuilder().setCtidTraderAccountId(accountId())
                .setPeriod(ProtoOATrendbarPeriod.M1).setSymbolId(symbolId).build());
    }

    /** The open connection, connecting (with backoff between attempts) when there is none. */
    synchronized Connection ensureConnected() {
        if (closed) {
            throw new FxdException("the cTrader client is closed");
        }
        if (connection != null && connection.isOpen()) {
            return connection;
        }
        if (credentials == null) {
            credentials = store.load();
        }
        String reason = null;
        for (int attempt = 1; attempt <= maxConnectAttempts; attempt++) {
            if (everConnected || attempt > 1) {
                long delay = backoff.nextDelayMs();
                LOG.info("cTrader {}: connecting again in {} ms (retry {} since the last good reply)",
                        endpoint.address(), delay, backoff.attempts());
                sleep(delay);
            }
            try {
                connection = open();
                authorise(connection);
                boolean again = everConnected;
                everConnected = true;
                resubscribe(connection);
                if (again) {
                    reconnects++;
                    LOG.info("cTrader {}: reconnected", endpoint.address());
                    reconnectListeners.forEach(Runnable::run);
                }
                return connection;
            } catch (IOException | ConnectionLostException e) {
                reason = e.getMessage();
                LOG.warn("cTrader {}: connection attempt {} failed: {}", endpoint.address(), attempt, reason);
                if (connection != null) {
                    connection.close("connection attempt failed");
                }
            }
        }
        throw new FxdException("cannot reach cTrader at " + endpoint.describe() + " after " + maxConnectAttempts
                + " attempts: " + reason);
    }

    /**
     * The backoff restarts only after a reply on a connection, not after a connect: a server that accepts and then
     * drops every request is retried ever more slowly.
     */
    private synchronized void resetBackoff() {
        backoff.reset();
    }

    /**
     * A client with subscriptions reconnects at once after a drop, not at its next request: a live feed sends no
     * request while it waits for prices.
     */
    private void reconnectForSubscriptions() {
        if (spotSymbols.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                }
                ensureConnected();
            } catch (RuntimeException e) {
                LOG.warn("cTrader {}: reconnect failed: {}", endpoint.address(), e.getMessage());
            }
        }, "ctrader-reconnect " + endpoint.address());
        t.setDaemon(true);
        t.start();
    }

    private Connection open() throws IOException {
        Socket socket = Tls.connect(endpoint, (int) Math.min(Integer.MAX_VALUE, requestTimeoutMs));
        return new Connection(socket, endpoint.address(), new Connection.Listener() {
            @Override
            public void event(Message payload) {
                if (!serverEndsSession(payload)) {
                    eventListeners.forEach(l -> l.accept(payload));
                }
            }

            @Override
            public void closed(Connection c, String reason) {
                LOG.info("cTrader {}: connection closed ({})", c.peer(), reason);
                reconnectForSubscriptions();
            }
        }, heartbeatMs);
    }

    /**
     * The server's notices that a session is over: a client disconnect (reconnect) and an invalidated token (refresh
     * it, then reconnect). Their reasons are the server's words, never a secret.
     */
    private boolean serverEndsSession(Message payload) {
        Connection current = connection;
        if (payload instanceof ProtoOAClientDisconnectEvent e) {
            LOG.warn("cTrader {}: the server ended the session ({})", endpoint.address(), e.getReason());
        } else if (payload instanceof ProtoOAAccountsTokenInvalidatedEvent e) {
            LOG.warn("cTrader {}: the server invalidated the access token ({}); refreshing it", endpoint.address(),
                    e.getReason());
            tokenInvalidated = true;
        } else {
            return false;
        }
        if (current != null) {
            current.close("ended by the server");
        }
        return true;
    }

    /** Application auth, the account by access token when none is given, account auth; one token refresh. */
    private void authorise(Connection c) {
        try {
            await(c.request(ProtoOAApplicationAuthReq.newBuilder().setClientId(credentials.clientId())
                    .setClientSecret(credentials.clientSecret()).build()), c);
        } catch (ApiErrorException e) {
            throw new FxdException("cTrader " + endpoint.address() + " refused the application (" + e.errorCode()
                    + "): check the client id and secret in " + store.describe());
        }
        boolean refreshed = false;
        if (tokenInvalidated) {
            refresh(c, "ACCOUNTS_TOKEN_INVALIDATED");
            tokenInvalidated = false;
            refreshed = true;
        }
        while (true) {
            try {
                if (accountId == null) {
                    accountId = pickAccount(c);
                }
                await(c.request(ProtoOAAccountAuthReq.newBuilder().setCtidTraderAccountId(accountId)
                        .setAccessToken(credentials.accessToken()).build()), c);
                return;
            } catch (ApiErrorException e) {
                if (!e.isTokenRefused() || refreshed) {
                    throw new FxdException("cTrader " + endpoint.address() + " refused the account authorisation ("
                            + e.errorCode() + ")" + (refreshed ? " after a token refresh" : "")
                            + ": authorise the application again and update " + store.describe());
                }
                refresh(c, e.errorCode());
                refreshed = true;
            }
        }
    }

    private long pickAccount(Connection c) {
        ProtoOAGetAccountListByAccessTokenRes res = (ProtoOAGetAccountListByAccessTokenRes) await(
                c.request(ProtoOAGetAccountListByAccessTokenReq.newBuilder()
                        .setAccessToken(credentials.accessToken()).build()), c);
        for (ProtoOACtidTraderAccount a : res.getCtidTraderAccountList()) {
            if (a.getIsLive() == endpoint.live()) {
                return a.getCtidTraderAccountId();
            }
        }
        throw new FxdException("the access token grants no " + (endpoint.live() ? "live" : "demo")
                + " account (it grants " + res.getCtidTraderAccountCount() + " account(s)); use "
                + (endpoint.live() ? "--demo" : "--live") + " or authorise another account");
    }

    private void refresh(Connection c, String refusal) {
        if (credentials.refreshToken() == null) {
            throw new FxdException("cTrader refused the access token (" + refusal + ") and no refresh token is given"
                    + " in " + store.describe());
        }
        ProtoOARefreshTokenRes res;
        try {
            res = (ProtoOARefreshTokenRes) await(c.request(ProtoOARefreshTokenReq.newBuilder()
                    .setRefreshToken(credentials.refreshToken()).build()), c);
        } catch (ApiErrorException e) {
            throw new FxdException("cTrader refused the token refresh (" + e.errorCode()
                    + "): authorise the application again and update " + store.describe());
        }
        credentials = credentials.withTokens(res.getAccessToken(), res.getRefreshToken());
        store.save(credentials);
        LOG.info("cTrader access token refreshed (valid {} s); new tokens saved to {}", res.getExpiresIn(),
                store.describe());
    }

    private void resubscribe(Connection c) {
        for (long id : spotSymbols) {
            await(c.request(ProtoOASubscribeSpotsReq.newBuilder().setCtidTraderAccountId(accountId)
                    .addSymbolId(id).setSubscribeToSpotTimestamp(true).build()), c);
        }
        for (long id : liveBarSymbols) {
            await(c.request(ProtoOASubscribeLiveTrendbarReq.newBuilder().setCtidTraderAccountId(accountId)
                    .setPeriod(ProtoOATrendbarPeriod.M1).setSymbolId(id).build()), c);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FxdException("interrupted while waiting to retry cTrader");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            connection.close();
        }
    }

    /** Settings of a client; every one has a default but the endpoint and credentials. */
    public static final class Builder {
        private Endpoint endpoint;
        private CredentialStore credentials;
        private Long accountId;
        private Duration backoffBase = Duration.ofMillis(500);
        private Duration backoffMax = Duration.ofSeconds(10);
        private long seed = 1;
        private int maxConnectAttempts = 8;
        private int maxRequestAttempts = 10;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration heartbeat = Duration.ofSeconds(10);

        public Builder endpoint(Endpoint e) {
            this.endpoint = e;
            return this;
        }

        public Builder credentials(CredentialStore s) {
            this.credentials = s;
            return this;
        }

        /** The trading account; when absent the first demo/live account the token grants is taken. */
        public Builder accountId(Long id) {
            this.accountId = id;
            return this;
        }

        public Builder backoff(Duration base, Duration max) {
            this.backoffBase = base;
            this.backoffMax = max;
            return this;
        }

        /** Seed of the reconnect jitter. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder maxConnectAttempts(int n) {
            this.maxConnectAttempts = Math.max(1, n);
            return this;
        }

        public Builder maxRequestAttempts(int n) {
            this.maxRequestAttempts = Math.max(1, n);
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        public Builder heartbeat(Duration d) {
            this.heartbeat = d;
            return this;
        }

        public CTraderClient build() {
            return new CTraderClient(this);
        }
    }
}
