package com.forexdiffusion.ctrader.wire;

import java.io.IOException;

/** A frame that breaks the protocol: a length out of bounds, a payload type nobody knows, a truncated message. */
public final class BadFrameException extends IOException {
    public BadFrameException(String message) {
        super(message);
    }

    public BadFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
