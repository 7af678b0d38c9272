package com.forexdiffusion.ldm4ts.compute;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.FxdException;

import java.util.Locale;
import java.util.Map;

/**
 * Where and how wide the model runs: {@code FXD_DEVICE} (auto, cpu or gpu; auto takes a usable CUDA GPU when there
 * is one) and {@code FXD_THREADS} (PyTorch intra-op threads, default one per core the JVM sees). Inter-op threads are
 * one: the model runs its operators in sequence, so a second pool only competes for the same cores.
 *
 * @param device  the device asked for
 * @param threads intra-op threads
 */
public record ComputeSettings(Choice device, int threads) {
    public static final String DEVICE_VARIABLE = "FXD_DEVICE";
    public static final String THREADS_VARIABLE = "FXD_THREADS";
    private static final String NUM_THREADS = "ai.djl.pytorch.num_threads";
    private static final String NUM_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

    /** The device asked for. */
    public enum Choice { AUTO, CPU, GPU }

    public ComputeSettings {
        if (threads < 1) {
            throw BadInputException.ofField(THREADS_VARIABLE, "must be at least 1, got " + threads);
        }
    }

    /**
     * Reads the two variables from an environment map.
     *
     * @param cores the default thread count (the processors the JVM sees)
     */
    public static ComputeSettings fromEnvironment(Map<String, String> env, int cores) {
        return new ComputeSettings(choice(env.get(DEVICE_VARIABLE)), threads(env.get(THREADS_VARIABLE), cores));
    }

    private static Choice choice(String value) {
        if (value == null || value.isBlank()) {
            return Choice.AUTO;
        }
        try {
            return Choice.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw BadInputException.ofField(DEVICE_VARIABLE, "must be auto, cpu or gpu, got '" + value + "'");
        }
    }

    private static int threads(String value, int cores) {
        if (value == null || value.isBlank()) {
            return Math.max(1, cores);
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw BadInputException.ofField(THREADS_VARIABLE, "must be a whole number of threads, got '" + value + "'");
        }
    }

    /**
     * Sets the engine's thread counts; PyTorch reads them once, when the engine starts, so this must run before the
     * first tensor of the process. A value the caller set as a system property wins.
     */
    public void configureEngine() {
        if (System.getProperty(NUM_THREADS) == null) {
            System.setProperty(NUM_THREADS, Integer.toString(threads));
        }
        if (System.getProperty(NUM_INTEROP_THREADS) == null) {
            System.setProperty(NUM_INTEROP_THREADS, "1");
        }
    }

    /** The device to run on; asking for a GPU where none is usable is an error that says what to do. */
    public Device resolve() {
        return switch (device) {
            case CPU -> Device.cpu();
            case AUTO -> gpuCount() > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (gpuCount() == 0) {
                    throw new FxdException(DEVICE_VARIABLE + "=gpu, but PyTorch finds no usable CUDA GPU on this "
                            + "machine (no NVIDIA driver, or one older than the CUDA runtime of the engine); run with "
                            + DEVICE_VARIABLE + "=cpu or unset it");
                }
                yield Device.gpu();
            }
        };
    }

    /** The intra-op threads the running engine uses (it starts the engine if it has not started yet). */
    public static int engineThreads() {
        Engine.getInstance();
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }

    /** The probe's own warnings are silenced in the CLI's logging: on a CPU machine they say nothing to act on. */
    private static int gpuCount() {
        return Engine.getInstance().getGpuCount();
    }
}
