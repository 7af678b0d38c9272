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
    public synchronized Ldm4tsForecaster load(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        String known = versionByDir.get(key);
        if (known != null) {
            return byVersion.get(known);
        }
        String version = Ldm4tsForecaster.version(key);
        Ldm4tsForecaster f = byVersion.get(version);
        if (f == null) {
            f = Ldm4tsForecaster.load(key, device, version);
            byVersion.put(f.version(), f);
        }
        versionByDir.put(key, f.version());
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
