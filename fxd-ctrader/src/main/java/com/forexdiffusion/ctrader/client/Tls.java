package com.forexdiffusion.ctrader.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/** Opens TLS sockets: with the JDK's trust store and host name check, or (insecure) accepting any certificate. */
final class Tls {
    private Tls() {
    }

    static SSLSocket connect(Endpoint endpoint, int timeoutMs) throws IOException {
        SSLContext ctx;
        try {
            ctx = endpoint.insecure() ? trustAll() : SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available: " + e.getMessage(), e);
        }
        SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket();
        try {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), timeoutMs);
            socket.setTcpNoDelay(true);
            if (!endpoint.insecure()) {
                SSLParameters p = socket.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(p);
            }
            socket.setSoTimeout(timeoutMs);
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static SSLContext trustAll() throws GeneralSecurityException {
        TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // --insecure: the fake server's self-signed certificate is accepted
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // --insecure: the fake server's self-signed certificate is accepted
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {any}, null);
        return ctx;
    }
}
