package com.forexdiffusion.ldm4ts.checkpoint;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.ldm4ts.nn.Conv2dLayer;
import com.forexdiffusion.ldm4ts.nn.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsTest {
    @TempDir
    Path dir;

    private Path write(String name, List<Tensor> tensors) throws Exception {
        Path f = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(f)) {
            Safetensors.write(out, tensors, Map.of("format", "pt"));
        }
        return f;
    }

    @Test
    void fileLayoutIsWhatPythonSafetensorsReads() throws Exception {
        Path f = write("a.safetensors", List.of(new Tensor("w", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}),
                new Tensor("b", new long[] {2}, new float[] {-1, 0.5f})));
        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
        JsonNode h = new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        assertThat(h.path("__metadata__").path("format").asText()).isEqualTo("pt");
        assertThat(h.path("w").path("dtype").asText()).isEqualTo("F32");
        assertThat(h.path("w").path("shape").toString()).isEqualTo("[2,3]");
        assertThat(h.path("w").path("data_offsets").toString()).isEqualTo("[0,24]");
        assertThat(h.path("b").path("data_offsets").toString()).isEqualTo("[24,32]");
        assertThat(bytes.length).isEqualTo(8 + n + 32);
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) (8 + n + 24), 8).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.getFloat()).isEqualTo(-1f);
        assertThat(data.getFloat()).isEqualTo(0.5f);

        Safetensors.Contents c = Safetensors.read(f);
        assertThat(c.tensors().get("w").values()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(c.tensors().get("b").shape()).containsExactly(2);
        assertThat(c.metadata()).containsEntry("format", "pt");
    }

    @Test
    void halfPrecisionTensorsAreWidened() throws Exception {
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"g\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[4,6]}}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] hb = header.getBytes(StandardCharsets.UTF_8);
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(hb.length).array());
        out.write(hb);
        // F16 1.5 = 0x3E00, −2 = 0xC000; BF16 3.0 = 0x4040
        out.write(new byte[] {0x00, 0x3E, 0x00, (byte) 0xC0, 0x40, 0x40});
        Path f = dir.resolve("half.safetensors");
        Files.write(f, out.toByteArray());
        Safetensors.Contents c = Safetensors.read(f);
        assertThat(c.tensors().get("h").values()).containsExactly(1.5f, -2f);
        assertThat(c.tensors().get("g").values()).containsExactly(3f);
    }

    @Test
    void truncatedFileNamesTheFileAndTheTensor() throws Exception {
        Path f = write("t.safetensors", List.of(new Tensor("layer.weight", new long[] {4}, new float[] {1, 2, 3, 4})));
        byte[] bytes = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 3));
        assertThatThrownBy(() -> Safetensors.read(cut)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("cut.safetensors").hasMessageContaining("layer.weight").hasMessageContaining("truncated");
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2});
        assertThatThrownBy(() -> Safetensors.read(tiny)).hasMessageContaining("tiny.safetensors");
    }

    @Test
    void loadingChecksEveryNameAndShape() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Params p = new Params(m, 3);
            new Conv2dLayer(p, "enc.conv", 2, 3, 3, 1, 1);
            Map<String, Tensor> good = Map.of(
                    "enc.conv.weight", new Tensor("enc.conv.weight", new long[] {3, 2, 3, 3}, new float[54]),
                    "enc.conv.bias", new Tensor("enc.conv.bias", new long[] {3}, new float[] {7, 8, 9}));
            Checkpoint.assignAll(p, good, "", "f.safetensors");
            assertThat(p.get("enc.conv.bias").toFloatArray()).containsExactly(7, 8, 9);
            assertThat(p.get("enc.conv.weight").sum().getFloat()).isZero();

            Map<String, Tensor> missing = Map.of("enc.conv.weight", good.get("enc.conv.weight"));
            assertThatThrownBy(() -> Checkpoint.assignAll(p, missing, "", "f.safetensors"))
                    .hasMessageContaining("f.safetensors").hasMessageContaining("enc.conv.bias").hasMessageContaining("missing");
            Map<String, Tensor> wrong = Map.of("enc.conv.weight", good.get("enc.conv.weight"),
                    "enc.conv.bias", new Tensor("enc.conv.bias", new long[] {4}, new float[4]));
            assertThatThrownBy(() -> Checkpoint.assignAll(p, wrong, "", "f.safetensors"))
                    .hasMessageContaining("enc.conv.bias").hasMessageContaining("(4)").hasMessageContaining("(3)");
        }
    }
}
