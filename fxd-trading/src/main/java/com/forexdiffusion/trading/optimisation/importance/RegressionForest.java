package com.forexdiffusion.trading.optimisation.importance;

import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.Well19937c;

import java.util.Arrays;

/**
 * A random forest of regression trees (Breiman 2001): each tree grown on a bootstrap sample, each split the best
 * variance reduction over a random third of the features, leaves of at least {@code minLeaf} rows. Small and
 * seeded: it only models a study's trials to measure parameter importance.
 */
public final class RegressionForest {
    private final Node[] trees;

    private RegressionForest(Node[] trees) {
        this.trees = trees;
    }

    private record Node(int feature, double threshold, Node left, Node right, double value) {
        boolean leaf() {
            return left == null;
        }
    }

    public static RegressionForest fit(double[][] x, double[] y, int trees, int maxDepth, int minLeaf, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        Node[] out = new Node[trees];
        int n = x.length;
        int d = x[0].length;
        int mtry = Math.max(1, (int) Math.ceil(d / 3.0));
        for (int t = 0; t < trees; t++) {
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = rng.nextInt(n);
            }
            out[t] = grow(x, y, rows, 0, maxDepth, minLeaf, mtry, rng);
        }
        return new RegressionForest(out);
    }

    private static Node grow(double[][] x, double[] y, int[] rows, int depth, int maxDepth, int minLeaf, int mtry,
                             RandomGenerator rng) {
        double mean = 0;
        for (int r : rows) {
            mean += y[r];
        }
        mean /= rows.length;
        if (depth >= maxDepth || rows.length < 2 * minLeaf) {
            return new Node(-1, 0, null, null, mean);
        }
        int d = x[0].length;
        int[] features = sampleFeatures(d, mtry, rng);
        int bestF = -1;
        double bestT = 0;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int f : features) {
            Integer[] order = new Integer[rows.length];
            for (int i = 0; i < rows.length; i++) {
                order[i] = rows[i];
            }
            Arrays.sort(order, (a, b) -> Double.compare(x[a][f], x[b][f]));
            double total = 0;
            double totalSq = 0;
            for (int r : rows) {
                total += y[r];
                totalSq += y[r] * y[r];
            }
            double left = 0;
            double leftSq = 0;
            for (int i = 0; i < order.length - 1; i++) {
                double v = y[order[i]];
                left += v;
                leftSq += v * v;
                int nl = i + 1;
                int nr = order.length - nl;
                if (nl < minLeaf || nr < minLeaf || x[order[i]][f] == x[order[i + 1]][f]) {
                    continue;
                }
                double sse = leftSq - left * left / nl + (totalSq - leftSq) - (total - left) * (total - left) / nr;
                if (sse < bestScore) {
                    bestScore = sse;
                    bestF = f;
                    bestT = 0.5 * (x[order[i]][f] + x[order[i + 1]][f]);
                }
            }
        }
        if (bestF < 0) {
            return new Node(-1, 0, null, null, mean);
        }
        int f = bestF;
        double t = bestT;
        int[] l = Arrays.stream(rows).filter(r -> x[r][f] <= t).toArray();
        int[] r = Arrays.stream(rows).filter(i -> x[i][f] > t).toArray();
        return new Node(f, t, grow(x, y, l, depth + 1, maxDepth, minLeaf, mtry, rng),
                grow(x, y, r, depth + 1, maxDepth, minLeaf, mtry, rng), mean);
    }

    private static int[] sampleFeatures(int d, int m, RandomGenerator rng) {
        int[] all = new int[d];
        for (int i = 0; i < d; i++) {
            all[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(d - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        return Arrays.copyOf(all, m);
    }

    public double predict(double[] x) {
        double s = 0;
        for (Node t : trees) {
            Node n = t;
            while (!n.leaf()) {
                n = x[n.feature()] <= n.threshold() ? n.left() : n.right();
            }
            s += n.value();
        }
        return s / trees.length;
    }

    /**
     * Permutation importance: how much the forest's mean squared error on (x, y) grows when one feature's column is
     * shuffled (averaged over {@code repeats} shuffles), normalised to sum to 1 (all 0 when nothing matters).
     */
    public double[] permutationImportance(double[][] x, double[] y, int repeats, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        double baseline = mse(x, y);
        int d = x[0].length;
        double[] imp = new double[d];
        for (int f = 0; f < d; f++) {
            double grow = 0;
            for (int rep = 0; rep < repeats; rep++) {
                double[][] p = new double[x.length][];
                for (int i = 0; i < x.length; i++) {
                    p[i] = x[i].clone();
                }
                for (int i = x.length - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    double tmp = p[i][f];
                    p[i][f] = p[j][f];
                    p[j][f] = tmp;
                }
                grow += mse(p, y) - baseline;
            }
            imp[f] = Math.max(0, grow / repeats);
        }
        double sum = Arrays.stream(imp).sum();
        if (sum > 0) {
            for (int f = 0; f < d; f++) {
                imp[f] /= sum;
            }
        }
        return imp;
    }

    private double mse(double[][] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double e = predict(x[i]) - y[i];
            s += e * e;
        }
        return s / x.length;
    }
}
