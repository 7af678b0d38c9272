package com.forexdiffusion.forecast.longhorizon;

import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.core.Timeframe;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A multivariate benchmark series (ETT, Exchange, Weather) with the standard splits of the long-horizon
 * forecasting literature, z-scored with the statistics of the training rows.
 * <ul>
 *   <li>ETT hourly: train rows [0, 8640), validation [8640, 11520), test [11520, 14400); ETTm at 4 rows an hour.</li>
 *   <li>Others: 70 / 10 / 20 of the rows.</li>
 * </ul>
 * Validation and test windows start {@code lookback} rows before their split so that their first target is the
 * split's first row, as the reference loaders do.
 *
 * @param values z-scored values, rows × channels
 * @param starts first row of the windows of train, validation and test
 * @param ends   end (exclusive) of the rows of train, validation and test
 */
public record LongHorizonData(String name, double[][] values, int[] starts, int[] ends, double[] mean, double[] std) {

    public enum Split { TRAIN, VALIDATION, TEST }

    public int channels() {
        return values[0].length;
    }

    /** The protocol's lookback (SPEC §6): every published long-horizon figure reads 96 rows. */
    public static final int LOOKBACK = 96;

    /** The benchmark data sets, told apart by file name: each has its layout, splits and step. */
    public enum Kind {
        /** ETTh1/ETTh2: header, date column, 12/4/4 months at 1 row an hour. */
        ETT_HOURLY(Timeframe.H1),
        /** ETTm1/ETTm2: as ETT_HOURLY at 4 rows an hour. */
        ETT_15MIN(Timeframe.M15),
        /** exchange_rate.txt: no header, no dates, daily, 70/10/20. */
        EXCHANGE(Timeframe.D1),
        /** weather.csv: header, date column, 10-minute steps, 70/10/20. */
        WEATHER(Timeframe.M10),
        /** Any other file: read as Weather is, step unknown. */
        OTHER(null);

        private final Timeframe step;

        Kind(Timeframe step) {
            this.step = step;
        }

        public static Kind of(String fileName) {
            if (fileName.startsWith("ETTh")) {
                return ETT_HOURLY;
            }
            if (fileName.startsWith("ETTm")) {
                return ETT_15MIN;
            }
            if (fileName.startsWith("exchange")) {
                return EXCHANGE;
            }
            return fileName.startsWith("weather") ? WEATHER : OTHER;
        }

        /** The series step, or null when the data set is not known. */
        public Timeframe step() {
            return step;
        }
    }

    /** A benchmark file with the splits and layout of its {@link Kind}. */
    public static LongHorizonData load(Path file, int lookback) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.ofSource(file.toString(), "no such file");
        }
        return switch (Kind.of(file.getFileName().toString())) {
            case ETT_HOURLY -> ett(file, 1, lookback);
            case ETT_15MIN -> ett(file, 4, lookback);
            case EXCHANGE -> custom(file, false, false, lookback);
            case WEATHER, OTHER -> custom(file, true, true, lookback);
        };
    }

    /** ETTh1/ETTh2 (rowsPerHour = 1) or ETTm1/ETTm2 (rowsPerHour = 4): header, date column, 7 channels. */
    public static LongHorizonData ett(Path file, int rowsPerHour, int lookback) {
        double[][] raw = read(file, true, true);
        int month = 30 * 24 * rowsPerHour;
        int[] b2 = {12 * month, 16 * month, 20 * month};
        if (raw.length < b2[2]) {
            throw BadInputException.ofSource(file.toString(), "ETT needs " + b2[2] + " rows for its standard splits, "
                    + "found " + raw.length);
        }
        return build(file.getFileName().toString(), raw, lookback, b2);
    }

    /** The custom-dataset protocol: 70% train, 20% test, the rest validation. */
    public static LongHorizonData custom(Path file, boolean header, boolean dateColumn, int lookback) {
        double[][] raw = read(file, header, dateColumn);
        int n = raw.length;
        int train = (int) (n * 0.7);
        int test = (int) (n * 0.2);
        return build(file.getFileName().toString(), raw, lookback, new int[]{train, n - test, n});
    }

    private static LongHorizonData build(String name, double[][] raw, int lookback, int[] ends) {
        int c = raw[0].length;
        double[] mean = new double[c];
        double[] std = new double[c];
        int train = ends[0];
        for (int i = 0; i < train; i++) {
            for (int j = 0; j < c; j++) {
                mean[j] += raw[i][j] / train;
            }
        }
        for (int i = 0; i < train; i++) {
            for (int j = 0; j < c; j++) {
                std[j] += (raw[i][j] - mean[j]) * (raw[i][j] - mean[j]) / train;
            }
        }
        for (int j = 0; j < c; j++) {
            std[j] = std[j] > 0 ? Math.sqrt(std[j]) : 1;
        }
        double[][] z = new double[raw.length][c];
        for (int i = 0; i < raw.length; i++) {
            for (int j = 0; j < c; j++) {
                z[i][j] = (raw[i][j] - mean[j]) / std[j];
            }
        }
        int[] starts = {0, ends[0] - lookback, ends[1] - lookback};
        return new LongHorizonData(name, z, starts, new int[]{ends[0], ends[1], ends[2]}, mean, std);
    }

    /**
     * Numeric rows of a CSV. Missing-value markers (−9999, as in Weather) and empty cells are carried forward
     * from the previous row, so that no window sees an impossible number.
     */
    static double[][] read(Path file, boolean header, boolean dateColumn) {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            long no = 0;
            int width = -1;
            if (header) {
                r.readLine();
                no++;
            }
            while ((line = r.readLine()) != null) {
                no++;
                line = line.strip();
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split(",");
                int skip = dateColumn ? 1 : 0;
                double[] v = new double[parts.length - skip];
                if (width >= 0 && v.length != width) {
                    throw new BadInputException(file.toString(), no, null, "expected " + width + " values, found "
                            + v.length);
                }
                width = v.length;
                for (int j = 0; j < v.length; j++) {
                    String cell = parts[j + skip].trim();
                    double x;
                    try {
                        x = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new BadInputException(file.toString(), no, "column " + (j + skip + 1),
                                "'" + cell + "' is not a number");
                    }
                    if (x == -9999 || Double.isNaN(x)) {
                        x = rows.isEmpty() ? 0 : rows.get(rows.size() - 1)[j];
                    }
                    v[j] = x;
                }
                rows.add(v);
            }
        } catch (IOException e) {
            throw BadInputException.ofSource(file.toString(), "cannot read: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw BadInputException.ofSource(file.toString(), "no data rows");
        }
        return rows.toArray(double[][]::new);
    }
}
