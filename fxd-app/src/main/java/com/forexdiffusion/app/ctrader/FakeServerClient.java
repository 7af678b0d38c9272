package com.forexdiffusion.app.ctrader;

import com.forexdiffusion.ctrader.client.CTraderClient;
import com.forexdiffusion.ctrader.client.CredentialStore;
import com.forexdiffusion.ctrader.client.Credentials;
import com.forexdiffusion.ctrader.client.Endpoint;
import com.forexdiffusion.ctrader.fake.FakeServer;

/** A client of the project's own fake cTrader server on 127.0.0.1 (TLS, any credentials; none are secret here). */
public final class FakeServerClient {
    private FakeServerClient() {
    }

    public static CTraderClient of(FakeServer server, String name) {
        return CTraderClient.builder().endpoint(new Endpoint("127.0.0.1", server.port(), false, true))
                .credentials(CredentialStore.inMemory(new Credentials(name, name, name, name))).build();
    }
}
