package com.forexdiffusion.ldm4ts.model;

/**
 * The model inputs of B windows, built by {@link WindowFeatures}.
 *
 * @param size      B
 * @param ends      the series index of each window's last bar
 * @param images    [B, 3, H, W] vision images scaled to [−1, 1]
 * @param lookback  [B][L] scaled one-bar log returns (the explicit pathway's input)
 * @param frequency [B][2 · L] the frequency conditioner's inputs, feature-major
 * @param tokens    [B][tokens] the description's token ids
 * @param lastClose each window's last close
 * @param scale     [B][H] the factor that multiplies each window's forecast back from its instance-normalised units
 *                  ({@link InstanceScale}, times the session profile ahead for a session-scaled model; 1 without)
 */
public record Batch(int size, int[] ends, float[] images, float[][] lookback, float[][] frequency, int[][] tokens,
                    double[] lastClose, double[][] scale) {
}
