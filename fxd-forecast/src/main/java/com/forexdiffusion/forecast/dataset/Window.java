package com.forexdiffusion.forecast.dataset;

/**
 * One training example: input bars [startIndex, endIndex] of the series (both inclusive), labelled by the
 * open time of its last input bar.
 *
 * @param index      position of the window in its dataset (time order, all splits together)
 * @param split      the split it belongs to
 * @param startIndex index of the first input bar in the series
 * @param endIndex   index of the last input bar in the series (t)
 * @param time       open time of the last input bar, epoch ms
 */
public record Window(int index, Split split, int startIndex, int endIndex, long time) {
}
