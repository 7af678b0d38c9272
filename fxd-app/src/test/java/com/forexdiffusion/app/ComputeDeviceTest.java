package com.forexdiffusion.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GPU probe in a real child process: on a machine without a usable GPU it prints nothing by default, and a GPU
 * asked for by FXD_DEVICE=gpu fails with one line that says what to do.
 */
class ComputeDeviceTest {
    private record Run(int code, String out, String err) {
    }

    private static Run fxd(Map<String, String> env, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] cmd = new String[args.length + 5];
        cmd[0] = java;
        cmd[1] = "--enable-native-access=ALL-UNNAMED";
        cmd[2] = "-cp";
        cmd[3] = System.getProperty("java.class.path");
        cmd[4] = Main.class.getName();
        System.arraycopy(args, 0, cmd, 5, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("FXD_DEVICE");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static boolean gpuPresent() {
        return ai.djl.engine.Engine.getInstance().getGpuCount() > 0;
    }

    @Test
    void aCpuMachinePrintsNoGpuWarningAndAGpuAskedForIsAClearError() throws Exception {
        Run auto = fxd(Map.of(), "bench", "model", "--samples", "0", "--repeats", "1", "--json");
        assertThat(auto.code()).as(auto.err()).isZero();
        assertThat(auto.out()).contains("\"vae_encode_ms\"");
        assertThat(auto.err()).doesNotContainIgnoringCase("cuda").doesNotContain("WARN");
        Run gpu = fxd(Map.of("FXD_DEVICE", "gpu"), "bench", "model", "--samples", "0", "--repeats", "1", "--json");
        if (gpuPresent()) {
            assertThat(gpu.code()).isZero();
            return;
        }
        assertThat(gpu.code()).isEqualTo(1);
        assertThat(gpu.err()).contains("FXD_DEVICE=gpu").contains("no usable CUDA GPU").doesNotContain("\tat ");
    }

    /** FXD_THREADS sets the engine's own intra-op thread count (read back from PyTorch), by default one per core. */
    @Test
    void theThreadCountReachesTheEngine() throws Exception {
        Run one = fxd(Map.of("FXD_THREADS", "1"), "bench", "model", "--samples", "0", "--repeats", "1", "--json");
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(one.out()).get("threads").asInt())
                .isEqualTo(1);
        Run three = fxd(Map.of("FXD_THREADS", "3"), "bench", "model", "--samples", "0", "--repeats", "1", "--json");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(three.out()).get("threads").asInt())
                .isEqualTo(3);
    }

    @Test
    void aBadThreadCountIsAUsageErrorNamingTheVariable() throws Exception {
        Run r = fxd(Map.of("FXD_THREADS", "many"), "--version");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("FXD_THREADS").contains("many");
    }
}
