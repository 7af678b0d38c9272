package com.forexdiffusion.ldm4ts.scheduler;

import com.fasterxml.jackson.annotation.JsonValue;

/** How β_t grows over the T training steps (diffusers' names). */
public enum BetaSchedule {
    /** β evenly spaced from 1e-4 to 0.02. */
    LINEAR("linear"),
    /** β from ᾱ(s) = cos²((s + 0.008) / 1.008 · π/2), capped at 0.999 (Nichol &amp; Dhariwal). */
    COSINE("squaredcos_cap_v2");

    private final String diffusersName;

    BetaSchedule(String diffusersName) {
        this.diffusersName = diffusersName;
    }

    @JsonValue
    public String diffusersName() {
        return diffusersName;
    }

    public static BetaSchedule parse(String s) {
        for (BetaSchedule b : values()) {
            if (b.diffusersName.equalsIgnoreCase(s) || b.name().equalsIgnoreCase(s)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown beta schedule '" + s + "' (linear, squaredcos_cap_v2)");
    }

    /** β_0 … β_{T−1}. */
    public double[] betas(int steps) {
        double[] b = new double[steps];
        switch (this) {
            case LINEAR -> {
                for (int i = 0; i < steps; i++) {
                    b[i] = steps == 1 ? 1e-4 : 1e-4 + (0.02 - 1e-4) * i / (steps - 1);
                }
            }
            case COSINE -> {
                for (int i = 0; i < steps; i++) {
                    b[i] = Math.min(1 - cosineAlphaBar((i + 1.0) / steps) / cosineAlphaBar((double) i / steps), 0.999);
                }
            }
        }
        return b;
    }

    static double cosineAlphaBar(double s) {
        double c = Math.cos((s + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }
}
