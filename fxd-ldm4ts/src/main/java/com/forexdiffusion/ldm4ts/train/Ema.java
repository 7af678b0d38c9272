package com.forexdiffusion.ldm4ts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import com.forexdiffusion.ldm4ts.nn.Tensors;

import java.util.ArrayList;
import java.util.List;

/**
 * An exponential moving average of weights, used for evaluation and for the saved model:
 * shadow ← d · shadow + (1 − d) · w, with d warmed up as min(decay, (1 + n)/(10 + n)).
 */
public final class Ema {
    private final List<NDArray> params;
    private final List<NDArray> shadow = new ArrayList<>();
    private final List<NDArray> backup = new ArrayList<>();
    private final double decay;
    private long updates;

    public Ema(List<NDArray> params, double decay) {
        this.params = List.copyOf(params);
        this.decay = decay;
        for (NDArray p : params) {
            NDArray s = p.duplicate();
            NDArray b = p.duplicate();
            s.setRequiresGradient(false);
            NDScope.unregister(s, b);
            shadow.add(s);
            backup.add(b);
        }
    }

    public void update() {
        updates++;
        float d = (float) Math.min(decay, (1.0 + updates) / (10.0 + updates));
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < params.size(); i++) {
                shadow.get(i).muli(d).addi(params.get(i).mul(1 - d));
            }
        }
    }

    /** Updates so far (they set the warm-up of the decay). */
    public long updates() {
        return updates;
    }

    /** The averaged weights, in the order of the parameters. */
    public List<NDArray> shadow() {
        return shadow;
    }

    /** Restores averaged weights and the update count saved from {@link #shadow()} and {@link #updates()}. */
    public void restore(List<float[]> values, long count) {
        if (values.size() != shadow.size()) {
            throw new IllegalArgumentException(values.size() + " saved averages for " + shadow.size() + " parameters");
        }
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < shadow.size(); i++) {
                Tensors.copy(Tensors.of(shadow.get(i).getManager(), values.get(i), shadow.get(i).getShape()),
                        shadow.get(i));
            }
        }
        this.updates = count;
    }

    /** Puts the averaged weights into the model, keeping the live ones aside. */
    public void swapIn() {
        for (int i = 0; i < params.size(); i++) {
            Tensors.copy(params.get(i), backup.get(i));
            Tensors.copy(shadow.get(i), params.get(i));
        }
    }

    /** Restores the live weights after {@link #swapIn()}. */
    public void swapOut() {
        for (int i = 0; i < params.size(); i++) {
            Tensors.copy(backup.get(i), params.get(i));
        }
    }
}
