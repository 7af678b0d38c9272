package com.forexdiffusion.ldm4ts.service;

import ai.djl.Device;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models a process serves, loaded once each and keyed by model version; several can be served side by side.
 * Passed to whoever needs it (no global instance); closing it frees every model.
 */
public final class ModelRegistry implements AutoCloseable {
    private final Device device;
    private final Map<String, Ldm4tsForecaster> byVersion = new ConcurrentHashMap<>();
    private final Map<Path, String> versionByDir = new ConcurrentHashMap<>();

    public ModelRegistry(Device device) {
        this.device = device;
    }

    /** The model in this directory, loaded on first use; the same weights elsewhere share one instance. */
    public Ldm4tsForecaster load(Path dir) {
        return load(dir, SamplerOverride.NONE);
    }

    /** As {@link #load(Path)}, drawing samples as {@code sampler} says (one instance per weights and sampler). */
    public synchronized Ldm4tsForecaster load(Path dir, SamplerOverride sampler) {
        Path key = dir.toAbsolutePath().normalize();
        String weights = versionByDir.computeIfAbsent(key, Ldm4tsForecaster::version);
        String version = weights + sampler.versionSuffix();
        Ldm4tsForecaster f = byVersion.get(version);
        if (f == null) {
            f = Ldm4tsForecaster.load(key, device, weights, sampler);
            byVersion.put(f.version(), f);
        }
        return f;
    }

    /** A model already loaded, by version; null when none is. */
    public Ldm4tsForecaster get(String version) {
        return byVersion.get(version);
    }

    public List<String> versions() {
        return new ArrayList<>(byVersion.keySet());
    }

    @Override
    public synchronized void close() {
        byVersion.values().forEach(Ldm4tsForecaster::close);
        byVersion.clear();
        versionByDir.clear();
    }
}
