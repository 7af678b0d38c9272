package com.forexdiffusion.ldm4ts.checkpoint;

/**
 * One line of the training history.
 *
 * @param stage          "vae" or "denoiser"
 * @param epoch          1-based within the stage
 * @param trainLoss      mean training loss of the epoch
 * @param validationLoss validation loss (stage 2: forecast MSE in normalised units; stage 1: reconstruction)
 * @param validation     forecast metrics (stage 2 only, else null)
 * @param windowsPerSecond training throughput of the epoch
 * @param seconds        wall time of the epoch
 */
public record EpochRecord(String stage, int epoch, double trainLoss, double validationLoss, ValidationMetrics validation,
                          double windowsPerSecond, double seconds) {
}
