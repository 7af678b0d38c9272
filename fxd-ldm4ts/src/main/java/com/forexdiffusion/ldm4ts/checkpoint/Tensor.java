package com.forexdiffusion.ldm4ts.checkpoint;

import java.util.Arrays;

/** One named float tensor as stored in a safetensors file (converted to float32 when read). */
public record Tensor(String name, long[] shape, float[] values) {
    public Tensor {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(shape) + " but "
                    + values.length + " values");
        }
    }
}
