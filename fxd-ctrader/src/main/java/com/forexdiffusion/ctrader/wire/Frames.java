package com.forexdiffusion.ctrader.wire;

import com.xtrader.protocol.proto.commons.ProtoMessage;

import java.nio.ByteBuffer;

/** Encodes one {@link ProtoMessage} as a frame: its 4-byte big-endian length, then its bytes. */
public final class Frames {
    private Frames() {
    }

    public static byte[] encode(ProtoMessage message) {
        byte[] body = message.toByteArray();
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }
}
