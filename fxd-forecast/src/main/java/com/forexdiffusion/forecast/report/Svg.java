package com.forexdiffusion.forecast.report;

import java.util.Locale;

/**
 * A small SVG chart canvas: data coordinates mapped into a plot area with axes, so reports need no browser-side
 * charting library and open anywhere.
 */
public final class Svg {
    private final StringBuilder sb = new StringBuilder();
    private final int width;
    private final int height;
    private final int left = 70;
    private final int right = 15;
    private final int top = 25;
    private final int bottom = 35;
    private double x0;
    private double x1;
    private double y0;
    private double y1;

    public Svg(int width, int height, String title) {
        this.width = width;
        this.height = height;
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">", width, height, width, height));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        text(width / 2.0, 15, title, "middle", 13);
    }

    /** Sets the data ranges; a flat range is widened so that nothing divides by zero. */
    public Svg range(double xMin, double xMax, double yMin, double yMax) {
        double padY = (yMax - yMin) * 0.05;
        if (!(yMax > yMin)) {
            padY = Math.max(Math.abs(yMin) * 0.01, 1e-9);
        }
        x0 = xMin;
        x1 = xMax > xMin ? xMax : xMin + 1;
        y0 = yMin - padY;
        y1 = yMax + padY;
        int pw = width - left - right;
        int ph = height - top - bottom;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>", left, top, pw, ph));
        for (int k = 0; k <= 4; k++) {
            double v = y0 + (y1 - y0) * k / 4;
            text(left - 5, py(v) + 4, fmt(v), "end", 10);
        }
        return this;
    }

    public Svg xLabels(String first, String last) {
        text(left, height - 12, first, "start", 10);
        text(width - right, height - 12, last, "end", 10);
        return this;
    }

    double px(double x) {
        return left + (x - x0) / (x1 - x0) * (width - left - right);
    }

    double py(double y) {
        return top + (y1 - y) / (y1 - y0) * (height - top - bottom);
    }

    public Svg line(double[] xs, double[] ys, String color, double widthPx) {
        sb.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"").append(widthPx)
                .append("\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(xs[i]), py(ys[i])));
        }
        sb.append("\"/>");
        return this;
    }

    /** A filled band between lo and hi. */
    public Svg band(double[] xs, double[] lo, double[] hi, String color, double opacity) {
        sb.append("<polygon fill=\"").append(color).append("\" fill-opacity=\"").append(opacity).append("\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(xs[i]), py(hi[i])));
        }
        for (int i = xs.length - 1; i >= 0; i--) {
            sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(xs[i]), py(lo[i])));
        }
        sb.append("\"/>");
        return this;
    }

    public Svg bars(double[] heights, String color) {
        double w = (double) (width - left - right) / heights.length;
        for (int i = 0; i < heights.length; i++) {
            double top_ = py(heights[i]);
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                    left + i * w + 1, top_, w - 2, Math.max(0, py(y0) - top_), color));
        }
        return this;
    }

    public Svg hline(double y, String color) {
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-dasharray=\"4 3\"/>", left, width - right, py(y), py(y), color));
        return this;
    }

    public Svg legend(String[] names, String[] colors) {
        for (int i = 0; i < names.length; i++) {
            double x = left + 10 + i * 140;
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>", x,
                    top + 8, colors[i]));
            text(x + 16, top + 13, names[i], "start", 10);
        }
        return this;
    }

    private void text(double x, double y, String s, String anchor, int size) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>",
                x, y, anchor, size, escape(s)));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String fmt(double v) {
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.2e", v)
                : String.format(Locale.ROOT, "%.5g", v);
    }

    @Override
    public String toString() {
        return sb + "</svg>";
    }
}
