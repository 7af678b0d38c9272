package com.forexdiffusion.web.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open dashboard pages (WebSocket /ws) and what is pushed to them: every message is a JSON object with a
 * {@code type} and {@code sent_at} (epoch ms, for latency figures); docs/api.md lists the types.
 */
public final class LiveHub {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
    private final ObjectMapper json;
    private final Set<WsContext> pages = ConcurrentHashMap.newKeySet();

    public LiveHub(ObjectMapper json) {
        this.json = json;
    }

    public void join(WsContext ctx) {
        pages.add(ctx);
        ObjectNode hello = json.createObjectNode();
        hello.put("type", "hello");
        send(ctx, stamp(hello));
    }

    public void leave(WsContext ctx) {
        pages.remove(ctx);
    }

    public int pages() {
        return pages.size();
    }

    public ObjectNode message(String type) {
        ObjectNode m = json.createObjectNode();
        m.put("type", type);
        return m;
    }

    /** Sends to every open page; a page whose connection fails is dropped. */
    public void broadcast(ObjectNode message) {
        String text = stamp(message);
        for (WsContext p : pages) {
            send(p, text);
        }
    }

    private String stamp(ObjectNode m) {
        m.put("sent_at", System.currentTimeMillis());
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a live message cannot be written: " + e.getMessage(), e);
        }
    }

    private void send(WsContext p, String text) {
        try {
            if (p.session.isOpen()) {
                p.send(text);
            } else {
                pages.remove(p);
            }
        } catch (RuntimeException e) {
            LOG.debug("dropping a page whose socket failed: {}", e.toString());
            pages.remove(p);
        }
    }
}
