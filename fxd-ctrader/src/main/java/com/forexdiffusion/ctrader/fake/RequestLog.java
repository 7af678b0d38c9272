package com.forexdiffusion.ctrader.fake;

/** What the fake server received, for tests and the demo's summary. */
public final class RequestLog {
    private RequestLog() {
    }

    /**
     * One request.
     *
     * @param connection  1-based number of the connection it came on
     * @param payloadType its Open API payload type
     * @param fromMs      fromTimestamp of a trendbar request (else 0)
     * @param toMs        toTimestamp of a trendbar request (else 0)
     * @param nanos       arrival on the server's monotonic clock
     * @param fault       the fault injected instead of the reply, or null
     */
    public record Entry(int connection, int payloadType, long fromMs, long toMs, long nanos, Fault fault) {
    }
}
