package com.forexdiffusion.forecast.dataset;

/** The three time-ordered parts of a {@link WindowDataset}: train first, then validation, then test. */
public enum Split {
    TRAIN, VALIDATION, TEST
}
