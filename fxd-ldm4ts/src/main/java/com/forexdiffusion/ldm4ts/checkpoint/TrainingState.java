package com.forexdiffusion.ldm4ts.checkpoint;

import java.util.List;

/**
 * The checkpoint's {@code training.json}: where training stands and how it went.
 *
 * @param stage            the last stage that ran ("vae", "denoiser")
 * @param epoch            completed epochs of that stage
 * @param step             optimiser steps of that stage
 * @param bestValidationLoss the best validation score of stage 2 (the saved weights are those): the validation loss,
 *                           or the mean MSE ratio when training stopped on it
 * @param validation       the saved weights' validation metrics
 * @param history          every epoch of both stages
 * @param vaeWindowsPerSecond      stage-1 training throughput
 * @param denoiserWindowsPerSecond stage-2 training throughput
 * @param peakHeapBytes    the JVM heap's peak use
 * @param peakRssBytes     the process's peak resident memory (heap, native tensors and libraries), 0 if unknown
 * @param stopReason       "epochs", "early_stopping", "time_limit" or "closed_form" (nothing to train: the explicit
 *                         pathway alone at its least-squares fit)
 * @param seconds          total training wall time
 * @param skippedSteps     optimiser steps skipped for a non-finite loss or gradient (both stages)
 */
public record TrainingState(String stage, int epoch, long step, double bestValidationLoss, ValidationMetrics validation,
                            List<EpochRecord> history, double vaeWindowsPerSecond, double denoiserWindowsPerSecond,
                            long peakHeapBytes, long peakRssBytes, String stopReason, double seconds,
                            long skippedSteps) {
    public TrainingState {
        history = List.copyOf(history);
    }
}
