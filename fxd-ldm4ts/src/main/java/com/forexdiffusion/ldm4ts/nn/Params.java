package com.forexdiffusion.ldm4ts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * The named tensors of one model, in creation order. Names follow the diffusers layout
 * ({@code encoder.down_blocks.0.resnets.0.conv1.weight}), so a checkpoint maps to them one to one.
 *
 * <p>Initial values are drawn from a seeded Java generator, not the engine's, so that the same seed gives the
 * same weights on every engine and device.
 */
public final class Params {
    private final NDManager manager;
    private final Map<String, NDArray> tensors = new LinkedHashMap<>();
    private final SplittableRandom random;

    public Params(NDManager manager, long seed) {
        this.manager = manager;
        this.random = new SplittableRandom(seed);
    }

    public NDManager manager() {
        return manager;
    }

    /** Joins a prefix and a leaf name with a dot, leaving out an empty prefix. */
    public static String name(String prefix, String leaf) {
        return prefix.isEmpty() ? leaf : prefix + "." + leaf;
    }

    /** Creates and registers one tensor; a name may be registered once. */
    public NDArray create(String name, Shape shape, Init init) {
        if (tensors.containsKey(name)) {
            throw new IllegalStateException("parameter " + name + " is created twice");
        }
        long size = shape.size();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter " + name + " is too large: " + shape);
        }
        float[] values = new float[(int) size];
        switch (init) {
            case ZEROS -> { }
            case ONES -> java.util.Arrays.fill(values, 1f);
            case FAN_IN_UNIFORM -> {
                // PyTorch's default for Linear and Conv: U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
                long fanIn = shape.dimension() == 1 ? shape.get(0) : shape.size() / shape.get(0);
                double bound = 1.0 / Math.sqrt(Math.max(1, fanIn));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
                }
            }
            case NORMAL_002 -> {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (gaussian() * 0.02);
                }
            }
        }
        NDArray t = Tensors.of(manager, values, shape);
        t.setName(name);
        tensors.put(name, t);
        return t;
    }

    /** Draws a bias with PyTorch's default bound for the given fan-in. */
    public NDArray createBias(String name, int size, long fanIn) {
        float[] values = new float[size];
        double bound = 1.0 / Math.sqrt(Math.max(1, fanIn));
        for (int i = 0; i < size; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        if (tensors.containsKey(name)) {
            throw new IllegalStateException("parameter " + name + " is created twice");
        }
        NDArray t = Tensors.of(manager, values, new Shape(size));
        t.setName(name);
        tensors.put(name, t);
        return t;
    }

    private double gaussian() {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    public NDArray get(String name) {
        NDArray t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return t;
    }

    public Map<String, NDArray> tensors() {
        return Collections.unmodifiableMap(tensors);
    }

    public long count() {
        long n = 0;
        for (NDArray t : tensors.values()) {
            n += t.size();
        }
        return n;
    }

    public long count(Predicate<String> names) {
        long n = 0;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            if (names.test(e.getKey())) {
                n += e.getValue().size();
            }
        }
        return n;
    }

    /** Marks the matching tensors as trainable and all others as frozen; returns the trainable ones. */
    public List<NDArray> train(Predicate<String> names) {
        List<NDArray> out = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            boolean on = names.test(e.getKey());
            e.getValue().setRequiresGradient(on);
            if (on) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** Stops gradient tracking on every tensor (inference). */
    public void freezeAll() {
        for (NDArray t : tensors.values()) {
            if (t.hasGradient()) {
                t.setRequiresGradient(false);
            }
        }
    }

    /**
     * Overwrites a tensor's values in place, after checking its shape.
     *
     * @throws IllegalArgumentException naming the tensor when the shape differs
     */
    public void assign(String name, Shape shape, float[] values) {
        NDArray t = get(name);
        if (!t.getShape().equals(shape)) {
            throw new IllegalArgumentException("tensor " + name + " has shape " + shape + " in the file but "
                    + t.getShape() + " in the model");
        }
        if (t.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("tensor " + name + " is not float32");
        }
        try (NDArray src = Tensors.of(manager, values, shape)) {
            Tensors.copy(src, t);
        }
    }

    public enum Init { ZEROS, ONES, FAN_IN_UNIFORM, NORMAL_002 }
}
