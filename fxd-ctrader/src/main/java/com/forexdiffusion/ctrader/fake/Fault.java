package com.forexdiffusion.ctrader.fake;

/** What the fake server can do instead of answering a history request. */
public enum Fault {
    /** Close the connection without a reply. */
    DROP,
    /** Reply REQUEST_FREQUENCY_EXCEEDED, as the real server does over the rate limit. */
    RATE_LIMIT,
    /** Send a frame whose length prefix exceeds any allowed frame, then close. */
    WRONG_LENGTH,
    /** Send a well-formed frame of a payload type the protocol does not define. */
    UNKNOWN_TYPE,
    /** Send a frame whose ProtoMessage bytes are cut short. */
    TRUNCATED
}
