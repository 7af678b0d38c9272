package com.forexdiffusion.ctrader.client;

import com.forexdiffusion.core.FxdException;

/** The connection closed (or was closed for a bad frame) before the reply came: the request may be sent again. */
public final class ConnectionLostException extends FxdException {
    public ConnectionLostException(String message) {
        super(message);
    }
}
