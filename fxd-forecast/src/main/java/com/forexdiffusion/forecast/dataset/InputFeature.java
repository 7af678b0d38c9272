package com.forexdiffusion.forecast.dataset;

/**
 * Per-bar input features of a window. {@code LOG_RETURN} is ln(close[i] / close[i − 1]) between consecutive
 * input bars; at the first bar of a window it is 0, so nothing before the window is read
 * (its statistics are fitted on returns between two bars of the same train window only).
 */
public enum InputFeature {
    OPEN, HIGH, LOW, CLOSE, VOLUME, LOG_RETURN
}
