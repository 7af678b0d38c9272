package com.forexdiffusion.ldm4ts.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.forexdiffusion.core.BadInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (as read by Python's {@code safetensors}): an 8-byte little-endian header length, a
 * JSON header mapping each name to dtype, shape and [begin, end) byte offsets into the data that follows, and an
 * optional {@code __metadata__} map of strings. Writes F32; reads F32, F16 and BF16.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    private Safetensors() {
    }

    /** Writes the tensors in the given order, header padded with spaces to a multiple of 8 bytes. */
    public static void write(OutputStream out, List<Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Tensor t : tensors) {
            ObjectNode e = header.putObject(t.name());
            e.put("dtype", "F32");
            var shape = e.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long bytes = 4L * t.values().length;
            e.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        out.write(len.array());
        out.write(json);
        for (int i = json.length; i < padded; i++) {
            out.write(' ');
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors) {
            for (float v : t.values()) {
                if (buf.remaining() < 4) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putFloat(v);
            }
        }
        out.write(buf.array(), 0, buf.position());
    }

    /** The file's contents. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    /**
     * Reads a whole file.
     *
     * @throws BadInputException naming the file and, where it applies, the tensor, when the file is truncated,
     *                           its header is not valid, or a dtype is not supported
     */
    public static Contents read(Path file) {
        String src = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw BadInputException.ofSource(src, "not a safetensors file: " + size + " bytes, shorter than its "
                        + "8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw BadInputException.ofSource(src, "safetensors header length " + headerLen + " does not fit a file of "
                        + size + " bytes (truncated or not a safetensors file)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, 8);
            JsonNode header;
            try {
                header = JSON.readTree(new String(hb.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw BadInputException.ofSource(src, "safetensors header is not valid JSON: " + e.getMessage());
            }
            long dataStart = 8 + headerLen;
            long dataLen = size - dataStart;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                if (name.equals("__metadata__")) {
                    e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                tensors.put(name, readTensor(ch, src, name, e.getValue(), dataStart, dataLen));
            }
            return new Contents(tensors, metadata);
        } catch (IOException e) {
            throw BadInputException.ofSource(src, "cannot read: " + e.getMessage());
        }
    }

    private static Tensor readTensor(FileChannel ch, String src, String name, JsonNode e, long dataStart, long dataLen)
            throws IOException {
        String dtype = e.path("dtype").asText("");
        int width = switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> throw BadInputException.ofSource(src, "tensor " + name + " has dtype '" + dtype
                    + "'; supported are F32, F16 and BF16");
        };
        List<Long> dims = new ArrayList<>();
        e.path("shape").forEach(d -> dims.add(d.asLong()));
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        JsonNode off = e.path("data_offsets");
        long begin = off.path(0).asLong(-1);
        long end = off.path(1).asLong(-1);
        if (begin < 0 || end < begin || end - begin != count * width) {
            throw BadInputException.ofSource(src, "tensor " + name + " has data_offsets [" + begin + ", " + end
                    + "] that do not match its shape " + dims + " and dtype " + dtype);
        }
        if (end > dataLen) {
            throw BadInputException.ofSource(src, "tensor " + name + " ends at byte " + end + " of the data but the "
                    + "file holds only " + dataLen + " data bytes (truncated)");
        }
        if (count > Integer.MAX_VALUE) {
            throw BadInputException.ofSource(src, "tensor " + name + " is too large");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, dataStart + begin);
        buf.flip();
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (dtype) {
                case "F32" -> buf.getFloat();
                case "F16" -> Float.float16ToFloat(buf.getShort());
                default -> Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16);
            };
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        return new Tensor(name, shape, values);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    /** Convenience for callers that hold files. */
    public static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}
