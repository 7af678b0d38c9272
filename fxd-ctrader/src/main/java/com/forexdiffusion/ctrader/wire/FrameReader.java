package com.forexdiffusion.ctrader.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import com.xtrader.protocol.proto.commons.ProtoMessage;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the Open API framing: a 4-byte big-endian length, then that many bytes of one {@link ProtoMessage}. The
 * stream may split and coalesce frames arbitrarily; a frame is only decoded once all of its bytes are in.
 */
public final class FrameReader {
    /** Larger frames are refused: the biggest real message (a trendbar batch) is well below this. */
    public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private final DataInputStream in;

    public FrameReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /**
     * The next message, or null when the peer closed the stream between frames.
     *
     * @throws BadFrameException for a length out of bounds, a stream that ends inside a frame, or bytes that are not a
     *                           ProtoMessage
     */
    public ProtoMessage read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int length;
        byte[] body;
        try {
            length = (b0 << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedShort());
            if (length <= 0 || length > MAX_FRAME_BYTES) {
                throw new BadFrameException("frame length " + Integer.toUnsignedString(length)
                        + " is out of bounds (1.." + MAX_FRAME_BYTES + " bytes)");
            }
            body = new byte[length];
            in.readFully(body);
        } catch (EOFException e) {
            throw new BadFrameException("the stream ended inside a frame", e);
        }
        try {
            return ProtoMessage.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new BadFrameException("a frame of " + length + " bytes is not a ProtoMessage (truncated or "
                    + "malformed protobuf)", e);
        }
    }
}
