package com.forexdiffusion.ldm4ts.model;

/**
 * What a model was trained on.
 *
 * @param from              open time of the first bar, epoch ms
 * @param to                open time of the last bar, epoch ms
 * @param bars              bars read
 * @param trainWindows      training windows used (after any stride)
 * @param validationWindows validation windows
 * @param testWindows       test windows
 */
public record DataRange(long from, long to, long bars, long trainWindows, long validationWindows, long testWindows) {
}
