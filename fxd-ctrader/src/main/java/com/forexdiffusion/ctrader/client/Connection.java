package com.forexdiffusion.ctrader.client;

import com.forexdiffusion.ctrader.wire.BadFrameException;
import com.forexdiffusion.ctrader.wire.FrameReader;
import com.forexdiffusion.ctrader.wire.Frames;
import com.forexdiffusion.ctrader.wire.Payloads;
import com.google.protobuf.Message;
import com.xtrader.protocol.openapi.v2.ProtoOAErrorRes;
import com.xtrader.protocol.proto.commons.ProtoErrorRes;
import com.xtrader.protocol.proto.commons.ProtoHeartbeatEvent;
import com.xtrader.protocol.proto.commons.ProtoMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One TLS connection to an Open API proxy: a reader thread that matches replies to requests by clientMsgId and hands
 * everything else to a listener, and a heartbeat every interval. A bad frame, a read error or a silent peer closes it;
 * every request still waiting then fails with {@link ConnectionLostException}, so its sender can reconnect and resend.
 */
final class Connection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    /** Receives what is not a reply, and the end of the connection. */
    interface Listener {
        void event(Message payload);

        void closed(Connection connection, String reason);
    }

    private final Socket socket;
    private final OutputStream out;
    private final String peer;
    private final Listener listener;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService heartbeat;
    private final Thread reader;

    private record Pending(String what, CompletableFuture<Message> reply) {
    }

    Connection(Socket socket, String peer, Listener listener, long heartbeatMs) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.peer = peer;
        this.listener = listener;
        // Silence for three heartbeats means the peer is gone even when TCP has not noticed.
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, heartbeatMs * 3));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ctrader-heartbeat " + peer));
        heartbeat.scheduleAtFixedRate(this::sendHeartbeat, heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
        this.reader = daemon(this::readLoop, "ctrader-reader " + peer);
        reader.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Sends a request; the future completes with the reply or fails with an ApiErrorException or a lost connection. */
    CompletableFuture<Message> request(Message payload) {
        String id = "fxd-" + ids.incrementAndGet();
        String what = payload.getDescriptorForType().getName();
        CompletableFuture<Message> reply = new CompletableFuture<>();
        pending.put(id, new Pending(what, reply));
        if (closed.get()) {
            fail(id, "the connection to " + peer + " is closed");
            return reply;
        }
        try {
            write(Payloads.wrap(payload, id));
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
        }
        return reply;
    }

    private void fail(String id, String reason) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.reply.completeExceptionally(new ConnectionLostException(p.what + " to " + peer + " got no reply: "
                    + reason));
        }
    }

    private void write(ProtoMessage message) throws IOException {
        byte[] frame = Frames.encode(message);
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
    }

    private void sendHeartbeat() {
        try {
            write(Payloads.wrap(ProtoHeartbeatEvent.getDefaultInstance(), null));
        } catch (IOException e) {
            close("heartbeat failed: " + e.getMessage());
        }
    }

    private void readLoop() {
        String reason = "closed";
        try {
            FrameReader frames = new FrameReader(socket.getInputStream());
            while (!closed.get()) {
                ProtoMessage m = frames.read();
                if (m == null) {
                    reason = "the server closed the connection";
                    break;
                }
                dispatch(m);
            }
        } catch (BadFrameException e) {
            reason = "bad frame: " + e.getMessage();
            LOG.warn("cTrader {}: bad frame from the server ({}); closing the connection", peer, e.getMessage());
        } catch (SocketTimeoutException e) {
            reason = "no message from the server within " + safeTimeout() + " ms";
        } catch (IOException e) {
            reason = closed.get() ? "closed" : "read failed: " + e.getMessage();
        } catch (RuntimeException e) {
            reason = "listener failed: " + e;
            LOG.warn("cTrader {}: {}", peer, reason, e);
        }
        close(reason);
    }

    private int safeTimeout() {
        try {
            return socket.getSoTimeout();
        } catch (IOException e) {
            return -1;
        }
    }

    private void dispatch(ProtoMessage m) throws BadFrameException {
        Optional<Message> payload = Payloads.unwrap(m);
        if (payload.isEmpty() || payload.get() instanceof ProtoHeartbeatEvent) {
            return;
        }
        Message msg = payload.get();
        Pending p = m.hasClientMsgId() ? pending.remove(m.getClientMsgId()) : null;
        if (p == null) {
            listener.event(msg);
            return;
        }
        if (msg instanceof ProtoOAErrorRes e) {
            p.reply.completeExceptionally(new ApiErrorException(p.what, e.getErrorCode(), e.getDescription(),
                    e.getRetryAfter()));
        } else if (msg instanceof ProtoErrorRes e) {
            p.reply.completeExceptionally(new ApiErrorException(p.what, e.getErrorCode(), e.getDescription(), 0));
        } else {
            p.reply.complete(msg);
        }
    }

    boolean isOpen() {
        return !closed.get();
    }

    void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        heartbeat.shutdownNow();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (String id : pending.keySet()) {
            fail(id, reason);
        }
        listener.closed(this, reason);
    }

    @Override
    public void close() {
        close("closed by the client");
    }

    String peer() {
        return peer;
    }
}
