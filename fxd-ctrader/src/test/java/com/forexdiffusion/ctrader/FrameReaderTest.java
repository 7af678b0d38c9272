package com.forexdiffusion.ctrader;

import com.forexdiffusion.ctrader.wire.BadFrameException;
import com.forexdiffusion.ctrader.wire.FrameReader;
import com.forexdiffusion.ctrader.wire.Frames;
import com.forexdiffusion.ctrader.wire.Payloads;
import com.xtrader.protocol.openapi.v2.ProtoOAGetTrendbarsRes;
import com.xtrader.protocol.openapi.v2.ProtoOASpotEvent;
import com.xtrader.protocol.openapi.v2.model.ProtoOATrendbar;
import com.xtrader.protocol.openapi.v2.model.ProtoOATrendbarPeriod;
import com.xtrader.protocol.proto.commons.ProtoMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The framing on its own: any split of the byte stream decodes the same messages; broken frames are named. */
class FrameReaderTest {
    private static List<ProtoMessage> messages(int n, long seed) {
        Random r = new Random(seed);
        List<ProtoMessage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (r.nextBoolean()) {
                out.add(Payloads.wrap(ProtoOASpotEvent.newBuilder().setCtidTraderAccountId(1).setSymbolId(1)
                        .setBid(100_000 + r.nextInt(1000)).setTimestamp(r.nextLong(1L << 40)).build(), null));
            } else {
                ProtoOAGetTrendbarsRes.Builder b = ProtoOAGetTrendbarsRes.newBuilder().setCtidTraderAccountId(1)
                        .setPeriod(ProtoOATrendbarPeriod.M1);
                for (int k = r.nextInt(300); k > 0; k--) {
                    b.addTrendbar(ProtoOATrendbar.newBuilder().setVolume(k).setLow(100_000 + k).setDeltaHigh(k % 7));
                }
                out.add(Payloads.wrap(b.build(), "id-" + i));
            }
        }
        return out;
    }

    /** Hands out at most a random 1..max bytes per read, as a network does. */
    private static InputStream trickle(byte[] bytes, long seed, int max) {
        Random r = new Random(seed);
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + r.nextInt(max)));
            }
        };
    }

    @Test
    void anySplitOfTheStreamDecodesTheSameMessages() throws IOException {
        List<ProtoMessage> sent = messages(200, 1);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (ProtoMessage m : sent) {
            all.write(Frames.encode(m));
        }
        for (long seed = 0; seed < 20; seed++) {
            FrameReader reader = new FrameReader(trickle(all.toByteArray(), seed, seed % 2 == 0 ? 3 : 5000));
            List<ProtoMessage> got = new ArrayList<>();
            for (ProtoMessage m; (m = reader.read()) != null; ) {
                got.add(m);
            }
            assertThat(got).as("seed %d", seed).isEqualTo(sent);
        }
    }

    @Test
    void brokenFramesAreRefusedWithTheirReason() {
        byte[] frame = Frames.encode(messages(1, 2).get(0));
        byte[] cut = java.util.Arrays.copyOf(frame, frame.length - 2);
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(cut)).read())
                .isInstanceOf(BadFrameException.class).hasMessageContaining("ended inside a frame");
        byte[] zero = {0, 0, 0, 0};
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(zero)).read())
                .isInstanceOf(BadFrameException.class).hasMessageContaining("frame length 0 is out of bounds");
        byte[] unknown = Frames.encode(ProtoMessage.newBuilder().setPayloadType(9999).build());
        assertThatThrownBy(() -> Payloads.unwrap(new FrameReader(new ByteArrayInputStream(unknown)).read()))
                .isInstanceOf(BadFrameException.class).hasMessageContaining("unknown payload type 9999");
    }
}
