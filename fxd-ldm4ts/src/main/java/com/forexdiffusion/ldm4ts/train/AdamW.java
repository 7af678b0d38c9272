package com.forexdiffusion.ldm4ts.train;

import com.forexdiffusion.ldm4ts.nn.Tensors;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.forexdiffusion.ldm4ts.checkpoint.Tensor;
import com.forexdiffusion.ldm4ts.nn.Tensors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW (Loshchilov &amp; Hutter) with decoupled weight decay, global-norm gradient clipping and explicit
 * gradient zeroing (the engine accumulates gradients across backward passes). Its moments are saved with the
 * checkpoint so that training resumes where it stopped.
 */
public final class AdamW {
    private final List<NDArray> params;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private long step;
    private long skipped;
    private double lastNorm;

    public AdamW(List<NDArray> params, double beta1, double beta2, double eps, double weightDecay) {
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        for (NDArray p : params) {
            NDArray mm = p.zerosLike();
            NDArray vv = p.zerosLike();
            NDScope.unregister(mm, vv);
            m.put(p.getName(), mm);
            v.put(p.getName(), vv);
        }
        zeroGradients();
    }

    public long step() {
        return step;
    }

    public void zeroGradients() {
        try (NDScope scope = new NDScope()) {
            for (NDArray p : params) {
                // Written element by element: a gradient buffer may hold NaN that multiplying by zero keeps.
                Tensors.zero(p.getGradient());
            }
        }
    }

    /**
     * Clips the gradients to a global L2 norm, applies one update at the given learning rate and zeroes the
     * gradients. A step whose gradient norm is not finite or above {@code skipAbove} is skipped (gradients zeroed,
     * weights and moments untouched) and reported as false: libtorch on this project's CPUs occasionally returns
     * a corrupt backward pass (see docs/model.md), and one such step must not poison the weights.
     */
    public boolean update(double lr, double clipNorm, double skipAbove) {
        double norm;
        try (NDScope scope = new NDScope()) {
            double sq = 0;
            for (NDArray p : params) {
                sq += p.getGradient().square().sum().getFloat();
            }
            norm = Math.sqrt(sq);
        }
        lastNorm = norm;
        if (!Double.isFinite(norm) || norm > skipAbove) {
            skipped++;
            zeroGradients();
            return false;
        }
        step++;
        try (NDScope scope = new NDScope()) {
            float scale = clipNorm > 0 && norm > clipNorm ? (float) (clipNorm / norm) : 1f;
            float b1 = (float) beta1;
            float b2 = (float) beta2;
            double c1 = 1 - Math.pow(beta1, step);
            double c2 = 1 - Math.pow(beta2, step);
            float stepSize = (float) (lr / c1);
            float decay = (float) (1 - lr * weightDecay);
            for (NDArray p : params) {
                NDArray g = p.getGradient();
                if (scale != 1f) {
                    g = g.mul(scale);
                }
                NDArray mm = m.get(p.getName());
                NDArray vv = v.get(p.getName());
                mm.muli(b1).addi(g.mul(1 - b1));
                vv.muli(b2).addi(g.square().mul(1 - b2));
                NDArray denom = vv.div((float) c2).sqrt().add((float) eps);
                if (weightDecay > 0 && p.getShape().dimension() > 1) {
                    p.muli(decay);
                }
                p.subi(mm.div(denom).mul(stepSize));
            }
        }
        zeroGradients();
        return true;
    }

    /** As {@link #update(double, double, double)} with a skip threshold of 10⁶. */
    public boolean update(double lr, double clipNorm) {
        return update(lr, clipNorm, 1e6);
    }

    /** The gradient norm of the last update call, before clipping. */
    public double lastNorm() {
        return lastNorm;
    }

    /** Steps skipped for a non-finite or absurd gradient. */
    public long skipped() {
        return skipped;
    }

    /** The moments and the step count as named tensors. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        m.forEach((k, a) -> out.put("exp_avg." + k, a));
        v.forEach((k, a) -> out.put("exp_avg_sq." + k, a));
        if (params.isEmpty()) {
            return out;
        }
        NDArray s = Tensors.of(params.get(0).getManager(), new float[] {step}, new Shape(1));
        NDScope.unregister(s);
        out.put("step", s);
        return out;
    }

    /** Restores moments saved by {@link #state()}; tensors for other parameters are ignored. */
    public void restore(Map<String, Tensor> saved) {
        Tensor s = saved.get("step");
        if (s == null) {
            return;
        }
        for (NDArray p : params) {
            Tensor a = saved.get("exp_avg." + p.getName());
            Tensor b = saved.get("exp_avg_sq." + p.getName());
            if (a == null || b == null || a.values().length != p.size()) {
                throw new IllegalArgumentException("optimiser state for " + p.getName() + " is missing or has another shape");
            }
            try (NDScope scope = new NDScope()) {
                Tensors.copy(Tensors.of(p.getManager(), a.values(), p.getShape()), m.get(p.getName()));
                Tensors.copy(Tensors.of(p.getManager(), b.values(), p.getShape()), v.get(p.getName()));
            }
        }
        step = (long) s.values()[0];
    }
}
