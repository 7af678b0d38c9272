package com.forexdiffusion.ctrader.client;

import com.forexdiffusion.core.BadInputException;

/**
 * A cTrader Open API proxy: host, port, whether it serves live accounts, and whether its certificate is checked.
 *
 * @param insecure accept any certificate (the fake server's self-signed one); never the default
 */
public record Endpoint(String host, int port, boolean live, boolean insecure) {
    public static final String DEMO_HOST = "demo.ctraderapi.com";
    public static final String LIVE_HOST = "live.ctraderapi.com";
    public static final int PORT = 5035;

    public static Endpoint demoServer() {
        return new Endpoint(DEMO_HOST, PORT, false, false);
    }

    public static Endpoint liveServer() {
        return new Endpoint(LIVE_HOST, PORT, true, false);
    }

    /** {@code HOST:PORT} (or HOST alone, port 5035) for demo or live accounts. */
    public static Endpoint parse(String hostPort, boolean live, boolean insecure) {
        if (hostPort == null || hostPort.isBlank()) {
            Endpoint d = live ? liveServer() : demoServer();
            return new Endpoint(d.host, d.port, live, insecure);
        }
        String s = hostPort.trim();
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            return new Endpoint(s, PORT, live, insecure);
        }
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new Endpoint(s.substring(0, colon), port, live, insecure);
        } catch (NumberFormatException e) {
            throw BadInputException.ofField("host", "'" + hostPort + "' is not HOST:PORT with a port 1..65535");
        }
    }

    /** "demo 127.0.0.1:5035". */
    public String describe() {
        return (live ? "live " : "demo ") + host + ":" + port + (insecure ? " (certificate not checked)" : "");
    }

    public String address() {
        return host + ":" + port;
    }
}
