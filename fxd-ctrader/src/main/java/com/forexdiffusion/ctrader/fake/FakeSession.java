package com.forexdiffusion.ctrader.fake;

import com.forexdiffusion.core.BarSeries;
import com.forexdiffusion.core.Timeframe;
import com.forexdiffusion.ctrader.client.TrendbarPrices;
import com.forexdiffusion.ctrader.wire.FrameReader;
import com.forexdiffusion.ctrader.wire.Frames;
import com.forexdiffusion.ctrader.wire.Payloads;
import com.forexdiffusion.data.store.SeriesInfo;
import com.google.protobuf.Message;
import com.xtrader.protocol.openapi.v2.ProtoOAAccountAuthReq;
import com.xtrader.protocol.openapi.v2.ProtoOAAccountAuthRes;
import com.xtrader.protocol.openapi.v2.ProtoOAApplicationAuthReq;
import com.xtrader.protocol.openapi.v2.ProtoOAApplicationAuthRes;
import com.xtrader.protocol.openapi.v2.ProtoOAErrorRes;
import com.xtrader.protocol.openapi.v2.ProtoOAGetAccountListByAccessTokenReq;
import com.xtrader.protocol.openapi.v2.ProtoOAGetAccountListByAccessTokenRes;
import com.xtrader.protocol.openapi.v2.ProtoOAGetTrendbarsReq;
import com.xtrader.protocol.openapi.v2.ProtoOAGetTrendbarsRes;
import com.xtrader.protocol.openapi.v2.ProtoOARefreshTokenReq;
import com.xtrader.protocol.openapi.v2.ProtoOARefreshTokenRes;
import com.xtrader.protocol.openapi.v2.ProtoOASubscribeLiveTrendbarReq;
import com.xtrader.protocol.openapi.v2.ProtoOASubscribeLiveTrendbarRes;
import com.xtrader.protocol.openapi.v2.ProtoOASubscribeSpotsReq;
import com.xtrader.protocol.openapi.v2.ProtoOASubscribeSpotsRes;
import com.xtrader.protocol.openapi.v2.ProtoOASymbolsListReq;
import com.xtrader.protocol.openapi.v2.ProtoOASymbolsListRes;
import com.xtrader.protocol.openapi.v2.ProtoOAVersionReq;
import com.xtrader.protocol.openapi.v2.ProtoOAVersionRes;
import com.xtrader.protocol.openapi.v2.model.ProtoOACtidTraderAccount;
import com.xtrader.protocol.openapi.v2.model.ProtoOALightSymbol;
import com.xtrader.protocol.openapi.v2.model.ProtoOATrendbar;
import com.xtrader.protocol.proto.commons.ProtoHeartbeatEvent;
import com.xtrader.protocol.proto.commons.ProtoMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** One client connection of the {@link FakeServer}: a reader thread answering requests in order. */
final class FakeSession {
    private static final Logger LOG = LoggerFactory.getLogger(FakeSession.class);

    private final FakeServer server;
    private final Socket socket;
    private final int number;
    private final OutputStream out;
    private final Random pieces;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService timers;
    private boolean appAuthorised;
    private volatile Long account;

    FakeSession(FakeServer server, Socket socket, int number) throws IOException {
        this.server = server;
        this.socket = socket;
        this.number = number;
        this.out = socket.getOutputStream();
        this.pieces = new Random(server.writeSeed + number);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ctrader-fake-timer " + number);
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        Thread t = new Thread(this::readLoop, "ctrader-fake-session " + number);
        t.setDaemon(true);
        t.start();
        timers.scheduleAtFixedRate(() -> send(ProtoHeartbeatEvent.getDefaultInstance(), null),
                server.heartbeatMs, server.heartbeatMs, TimeUnit.MILLISECONDS);
    }

    /** A request as it arrived: the arrival time is taken by the reader, before any earlier request is answered. */
    private record Arrival(long nanos, Message payload, String id) {
    }

    private void readLoop() {
        java.util.concurrent.BlockingQueue<Arrival> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread worker = new Thread(() -> work(queue), "ctrader-fake-worker " + number);
        worker.setDaemon(true);
        worker.start();
        try {
            FrameReader frames = new FrameReader(socket.getInputStream());
            ProtoMessage m;
            while (!closed.get() && (m = frames.read()) != null) {
                long nanos = System.nanoTime();
                Optional<Message> payload = Payloads.unwrap(m);
                if (payload.isPresent()) {
                    queue.add(new Arrival(nanos, payload.get(), m.hasClientMsgId() ? m.getClientMsgId() : null));
                }
            }
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.info("cTrader fake server: connection {} ended: {}", number, e.getMessage());
            }
        } finally {
            close();
            worker.interrupt();
        }
    }

    private void work(java.util.concurrent.BlockingQueue<Arrival> queue) {
        try {
            while (!closed.get()) {
                Arrival a = queue.take();
                answer(a.payload(), a.id(), a.nanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cTrader fake server: connection {}: {}", number, e.toString());
            close();
        }
    }

    private void answer(Message req, String id, long nanos) throws IOException {
        int type = Payloads.typeOf(req);
        if (req instanceof ProtoHeartbeatEvent) {
            server.heartbeats.incrementAndGet();
            return;
        }
        if (req instanceof ProtoOAGetTrendbarsReq r) {
            trendbars(r, id, nanos);
            return;
        }
        server.log.add(new RequestLog.Entry(number, type, 0, 0, nanos, null));
        switch (req) {
            case ProtoOAApplicationAuthReq r -> {
                if (server.tokens.application(r.getClientId(), r.getClientSecret())) {
                    appAuthorised = true;
                    send(ProtoOAApplicationAuthRes.getDefaultInstance(), id);
                } else {
                    error(id, "CH_CLIENT_AUTH_FAILURE", "wrong client credentials", 0);
                }
            }
            case ProtoOAVersionReq r -> send(ProtoOAVersionRes.newBuilder().setVersion("fxd-fake-91").build(), id);
            case ProtoOARefreshTokenReq r -> refresh(r, id);
            case ProtoOAGetAccountListByAccessTokenReq r -> accounts(r, id);
            case ProtoOAAccountAuthReq r -> accountAuth(r, id);
            case ProtoOASymbolsListReq r -> symbols(id);
            case ProtoOASubscribeSpotsReq r -> subscribeSpots(r, id);
            case ProtoOASubscribeLiveTrendbarReq r -> subscribeLiveBars(r, id);
            default -> error(id, "UNSUPPORTED_MESSAGE", "the fake server does not serve "
                    + req.getDescriptorForType().getName(), 0);
        }
    }

    private boolean authorised(String id) {
        if (!appAuthorised) {
            error(id, "CH_CLIENT_NOT_AUTHENTICATED", "authorise the application first", 0);
            return false;
        }
        if (account == null) {
            error(id, "ACCOUNT_NOT_AUTHORIZED", "authorise the account first", 0);
            return false;
        }
        return true;
    }

    private void refresh(ProtoOARefreshTokenReq r, String id) {
        String[] t = appAuthorised ? server.tokens.refresh(r.getRefreshToken()) : null;
        if (t == null) {
            error(id, "CH_ACCESS_TOKEN_INVALID", "the refresh token is not valid", 0);
            return;
        }
        send(ProtoOARefreshTokenRes.newBuilder().setAccessToken(t[0]).setRefreshToken(t[1]).setTokenType("bearer")
                .setExpiresIn(2_628_000).build(), id);
    }

    private void accounts(ProtoOAGetAccountListByAccessTokenReq r, String id) {
        String refused = appAuthorised ? server.tokens.checkAccess(r.getAccessToken()) : "CH_CLIENT_NOT_AUTHENTICATED";
        if (refused != null) {
            error(id, refused, "the access token is not accepted", 0);
            return;
        }
        send(ProtoOAGetAccountListByAccessTokenRes.newBuilder().setAccessToken(r.getAccessToken())
                .addCtidTraderAccount(ProtoOACtidTraderAccount.newBuilder()
                        .setCtidTraderAccountId(FakeServer.DEMO_ACCOUNT).setIsLive(false).setBrokerTitleShort("fxd"))
                .addCtidTraderAccount(ProtoOACtidTraderAccount.newBuilder()
                        .setCtidTraderAccountId(FakeServer.LIVE_ACCOUNT).setIsLive(true).setBrokerTitleShort("fxd"))
                .build(), id);
    }

    private void accountAuth(ProtoOAAccountAuthReq r, String id) {
        String refused = appAuthorised ? server.tokens.checkAccess(r.getAccessToken()) : "CH_CLIENT_NOT_AUTHENTICATED";
        if (refused == null && r.getCtidTraderAccountId() != FakeServer.DEMO_ACCOUNT
                && r.getCtidTraderAccountId() != FakeServer.LIVE_ACCOUNT) {
            refused = "CH_CTID_TRADER_ACCOUNT_NOT_FOUND";
        }
        if (refused != null) {
            error(id, refused, "account authorisation refused", 0);
            return;
        }
        account = r.getCtidTraderAccountId();
        send(ProtoOAAccountAuthRes.newBuilder().setCtidTraderAccountId(account).build(), id);
    }

    /** Symbol ids are 1.. in the order of the stored symbols' names. */
    static List<String> symbolNames(FakeServer server) {
        return server.symbols();
    }

    /** The stored symbols, read from the store (a full summary of it: done once, and per symbols-list request). */
    static List<String> readSymbolNames(FakeServer server) {
        TreeSet<String> names = new TreeSet<>();
        for (SeriesInfo s : server.candles.info()) {
            names.add(s.symbol());
        }
        return List.copyOf(names);
    }

    private void symbols(String id) {
        if (!authorised(id)) {
            return;
        }
        ProtoOASymbolsListRes.Builder b = ProtoOASymbolsListRes.newBuilder().setCtidTraderAccountId(account);
        List<String> names = server.refreshSymbols();
        for (int i = 0; i < names.size(); i++) {
            b.addSymbol(ProtoOALightSymbol.newBuilder().setSymbolId(i + 1).setSymbolName(names.get(i))
                    .setEnabled(true));
        }
        send(b.build(), id);
    }

    private void trendbars(ProtoOAGetTrendbarsReq r, String id, long nanos) throws IOException {
        int ordinal = server.historyRequests.incrementAndGet();
        Fault fault = server.faults.faultAt(ordinal);
        server.log.add(new RequestLog.Entry(number, Payloads.typeOf(r), r.getFromTimestamp(), r.getToTimestamp(),
                nanos, fault));
        if (!authorised(id)) {
            return;
        }
        if (!server.rateWindow.admit(nanos) || fault == Fault.RATE_LIMIT) {
            error(id, "REQUEST_FREQUENCY_EXCEEDED", "too many history requests", 0);
            return;
        }
        if (fault != null) {
            inject(fault, id);
            return;
        }
        List<String> names = symbolNames(server);
        long symbolId = r.getSymbolId();
        if (symbolId < 1 || symbolId > names.size()) {
            error(id, "SYMBOL_NOT_FOUND", "no symbol " + symbolId, 0);
            return;
        }
        if (r.getFromTimestamp() > r.getToTimestamp()) {
            error(id, "INCORRECT_BOUNDARIES", "fromTimestamp is after toTimestamp", 0);
            return;
        }
        Timeframe tf = TrendbarPrices.timeframe(r.getPeriod());
        long to = Math.min(r.getToTimestamp(), server.nowMs());
        BarSeries bars = to < r.getFromTimestamp() ? BarSeries.empty(names.get((int) symbolId - 1), tf)
                : server.candles.read(names.get((int) symbolId - 1), tf, r.getFromTimestamp(), to + 1);
        int first = Math.max(0, bars.size() - server.maxBarsPerReply);
        ProtoOAGetTrendbarsRes.Builder b = ProtoOAGetTrendbarsRes.newBuilder().setCtidTraderAccountId(account)
                .setPeriod(r.getPeriod()).setSymbolId(symbolId).setHasMore(first > 0);
        for (int i = first; i < bars.size(); i++) {
            b.addTrendbar(TrendbarPrices.fromBar(bars.bar(i), tf));
        }
        send(b.build(), id);
    }

    private void inject(Fault fault, String id) throws IOException {
        LOG.info("cTrader fake server: injecting {} on connection {}", fault, number);
        switch (fault) {
            case DROP -> close();
            case WRONG_LENGTH -> {
                writeRaw(new byte[] {(byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3});
                close();
            }
            case UNKNOWN_TYPE -> writeRaw(Frames.encode(ProtoMessage.newBuilder().setPayloadType(9999)
                    .setClientMsgId(id).build()));
            case TRUNCATED -> {
                byte[] good = Payloads.wrap(ProtoOAGetTrendbarsRes.newBuilder().setCtidTraderAccountId(account)
                        .setPeriod(com.xtrader.protocol.openapi.v2.model.ProtoOATrendbarPeriod.M1)
                        .addTrendbar(ProtoOATrendbar.newBuilder().setVolume(1).setLow(100_000)).build(), id)
                        .toByteArray();
                byte[] cut = java.util.Arrays.copyOf(good, good.length - 3);
                writeRaw(java.nio.ByteBuffer.allocate(4 + cut.length).putInt(cut.length).put(cut).array());
            }
            default -> throw new IllegalStateException("unhandled fault " + fault);
        }
    }

    private void subscribeSpots(ProtoOASubscribeSpotsReq r, String id) {
        if (!authorised(id)) {
            return;
        }
        send(ProtoOASubscribeSpotsRes.newBuilder().setCtidTraderAccountId(account).build(), id);
        for (long symbolId : r.getSymbolIdList()) {
            spots().subscribe(this, symbolId);
        }
    }

    private void subscribeLiveBars(ProtoOASubscribeLiveTrendbarReq r, String id) {
        if (!authorised(id)) {
            return;
        }
        spots().subscribeBars(this, r.getSymbolId());
        send(ProtoOASubscribeLiveTrendbarRes.newBuilder().setCtidTraderAccountId(account).build(), id);
    }

    private SpotReplay spots() {
        return server.spots();
    }

    long account() {
        Long a = account;
        return a == null ? 0 : a;
    }

    private void error(String id, String code, String description, long retryAfter) {
        ProtoOAErrorRes.Builder b = ProtoOAErrorRes.newBuilder().setErrorCode(code).setDescription(description);
        if (account != null) {
            b.setCtidTraderAccountId(account);
        }
        if (retryAfter > 0) {
            b.setRetryAfter(retryAfter);
        }
        send(b.build(), id);
    }

    void send(Message payload, String id) {
        try {
            writeRaw(Frames.encode(Payloads.wrap(payload, id)));
        } catch (IOException e) {
            close();
        }
    }

    /** Writes bytes whole, or (fragmenting) in random pieces of 1..64 bytes, each flushed on its own. */
    private void writeRaw(byte[] bytes) throws IOException {
        synchronized (out) {
            if (!server.fragmentWrites) {
                out.write(bytes);
                out.flush();
                return;
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(bytes);
            if (pieces.nextInt(3) == 0) {
                // Coalesce: a heartbeat frame rides in the same writes as the reply.
                all.write(Frames.encode(Payloads.wrap(ProtoHeartbeatEvent.getDefaultInstance(), null)));
            }
            byte[] b = all.toByteArray();
            for (int at = 0; at < b.length; ) {
                int n = Math.min(b.length - at, 1 + pieces.nextInt(64));
                out.write(b, at, n);
                out.flush();
                at += n;
            }
        }
    }

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timers.shutdownNow();
        if (server.spotsConfigured()) {
            server.spots().remove(this);
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        server.ended(this);
    }
}
