package com.forexdiffusion.ctrader.client;

import com.forexdiffusion.core.FxdException;

/** An error reply of the Open API (ProtoOAErrorRes or ProtoErrorRes): its code, description and retry hint. */
public final class ApiErrorException extends FxdException {
    private final String errorCode;
    private final long retryAfterSeconds;

    public ApiErrorException(String request, String errorCode, String description, long retryAfterSeconds) {
        super("cTrader refused " + request + ": " + errorCode + (description == null || description.isBlank() ? ""
                : " (" + description + ")"));
        this.errorCode = errorCode;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String errorCode() {
        return errorCode;
    }

    /** Seconds the server asks to wait (BLOCKED_PAYLOAD_TYPE), 0 when it gives none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A rate-limit reply: the request may be sent again after a pause. */
    public boolean isRateLimit() {
        return "REQUEST_FREQUENCY_EXCEEDED".equals(errorCode) || "BLOCKED_PAYLOAD_TYPE".equals(errorCode);
    }

    /** The access token was refused as expired or invalid: a refresh may help. */
    public boolean isTokenRefused() {
        return "OA_AUTH_TOKEN_EXPIRED".equals(errorCode) || "CH_ACCESS_TOKEN_INVALID".equals(errorCode);
    }
}
