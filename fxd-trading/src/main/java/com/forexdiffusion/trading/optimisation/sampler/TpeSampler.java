package com.forexdiffusion.trading.optimisation.sampler;

import com.forexdiffusion.trading.optimisation.space.Param;
import com.forexdiffusion.trading.optimisation.space.SearchSpace;
import org.hipparchus.random.RandomGenerator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Tree-structured Parzen estimator (Bergstra et al. 2011): after {@code startup} random trials the finished ones are
 * split at the γ-quantile of the loss into good and bad; a Parzen estimator l(x) of the good and g(x) of the bad are
 * fitted, candidates are drawn from l, and the one with the largest l(x)/g(x) (the expected-improvement maximiser
 * under this model) is proposed. Univariate by default (one estimator pair per parameter, each chosen on its own);
 * multivariate fits joint kernels so that parameters that only work together are proposed together.
 * Pending trials are left out of the split (their loss is unknown); their different per-trial generators keep
 * parallel proposals apart.
 */
public final class TpeSampler implements Sampler {
    private final double gamma;
    private final int startup;
    private final int candidates;
    private final boolean multivariate;

    private TpeSampler(Builder b) {
        this.gamma = b.gamma;
        this.startup = b.startup;
        this.candidates = b.candidates;
        this.multivariate = b.multivariate;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return multivariate ? "tpe-multivariate" : "tpe";
    }

    @Override
    public Map<String, Object> suggest(SearchSpace space, List<Observation> observed,
                                       List<Map<String, Object>> pending, RandomGenerator rng) {
        if (observed.size() < startup) {
            return space.fromUnit(RandomSampler.uniform(space.size(), rng));
        }
        List<Observation> sorted = new ArrayList<>(observed);
        sorted.sort(Comparator.comparingDouble(Observation::loss));
        int nGood = Math.max(1, (int) Math.ceil(gamma * sorted.size()));
        double[][] good = encode(space, sorted.subList(0, nGood));
        double[][] bad = encode(space, sorted.subList(nGood, sorted.size()));
        int[] choices = choices(space);
        double[] best = multivariate ? joint(good, bad, choices, rng) : perParameter(good, bad, choices, rng);
        return decode(space, best);
    }

    private double[] joint(double[][] good, double[][] bad, int[] choices, RandomGenerator rng) {
        ParzenEstimator l = ParzenEstimator.fit(good, choices, false);
        ParzenEstimator g = ParzenEstimator.fit(bad, choices, false);
        return argmaxRatio(l, g, rng);
    }

    private double[] perParameter(double[][] good, double[][] bad, int[] choices, RandomGenerator rng) {
        double[] x = new double[choices.length];
        for (int k = 0; k < choices.length; k++) {
            int[] one = {choices[k]};
            ParzenEstimator l = ParzenEstimator.fit(column(good, k), one, true);
            ParzenEstimator g = ParzenEstimator.fit(column(bad, k), one, true);
            x[k] = argmaxRatio(l, g, rng)[0];
        }
        return x;
    }

    private double[] argmaxRatio(ParzenEstimator l, ParzenEstimator g, RandomGenerator rng) {
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates; c++) {
            double[] x = l.sample(rng);
            double score = l.logDensity(x) - g.logDensity(x);
            if (score > bestScore) {
                bestScore = score;
                best = x;
            }
        }
        return best;
    }

    private static double[][] column(double[][] points, int k) {
        double[][] c = new double[points.length][1];
        for (int i = 0; i < points.length; i++) {
            c[i][0] = points[i][k];
        }
        return c;
    }

    /** Unit coordinates, with categorical dimensions holding the choice index. */
    static double[][] encode(SearchSpace space, List<Observation> obs) {
        double[][] x = new double[obs.size()][];
        for (int i = 0; i < obs.size(); i++) {
            x[i] = new double[space.size()];
            for (int k = 0; k < space.size(); k++) {
                Param p = space.params().get(k);
                Object v = obs.get(i).params().get(p.name());
                x[i][k] = p instanceof Param.CategoricalParam c ? c.index(v) : p.toUnit(v);
            }
        }
        return x;
    }

    static int[] choices(SearchSpace space) {
        return space.params().stream().mapToInt(p -> p instanceof Param.CategoricalParam c ? c.choices().size() : 0)
                .toArray();
    }

    private static Map<String, Object> decode(SearchSpace space, double[] x) {
        double[] u = x.clone();
        for (int k = 0; k < space.size(); k++) {
            if (space.params().get(k) instanceof Param.CategoricalParam c) {
                u[k] = (x[k] + 0.5) / c.choices().size();
            }
        }
        return space.fromUnit(u);
    }

    public static final class Builder {
        private double gamma = 0.25;
        private int startup = 10;
        private int candidates = 24;
        private boolean multivariate;

        /** Share of the finished trials (by loss) that fits the "good" estimator l(x). */
        public Builder gamma(double g) {
            if (!(g > 0 && g < 1)) {
                throw com.forexdiffusion.core.BadInputException.ofField("tpe.gamma", "must be in (0, 1), got " + g);
            }
            this.gamma = g;
            return this;
        }

        /** Random trials before the first model-based one. */
        public Builder startup(int n) {
            this.startup = Math.max(1, n);
            return this;
        }

        public Builder candidates(int n) {
            this.candidates = Math.max(1, n);
            return this;
        }

        public Builder multivariate(boolean on) {
            this.multivariate = on;
            return this;
        }

        public TpeSampler build() {
            return new TpeSampler(this);
        }
    }
}
