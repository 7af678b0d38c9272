package com.forexdiffusion.ldm4ts.train;

import com.forexdiffusion.forecast.dataset.InputFeature;
import com.forexdiffusion.forecast.dataset.Split;
import com.forexdiffusion.forecast.dataset.Window;
import com.forexdiffusion.forecast.dataset.WindowDataset;
import com.forexdiffusion.ldm4ts.model.Normalisation;
import com.forexdiffusion.ldm4ts.model.SessionProfile;

import java.util.ArrayList;
import java.util.List;

/** The model's normalisation, fitted on the training split only: target and input scales, the session profile. */
final class NormalisationFit {
    private NormalisationFit() {
    }

    /** @param withSession also fit the intraday volatility profile (a session-scaled model) */
    static Normalisation of(WindowDataset ds, boolean withSession) {
        var ts = ds.targetScaler();
        List<Double> mean = new ArrayList<>();
        List<Double> std = new ArrayList<>();
        for (int h = 0; h < ts.horizons(); h++) {
            double z0 = ts.transform(h, 0);
            double z1 = ts.transform(h, 1);
            double sd = 1 / (z1 - z0);
            double mu = -z0 / (z1 - z0);
            // Scaled by the root mean square and centred on zero return: the training months' drift is not the
            // future's, so the model forecasts it only where its inputs say so.
            std.add(Math.hypot(mu, sd));
            mean.add(0.0);
        }
        var is = ds.inputScaler();
        double r0 = is.transform(InputFeature.LOG_RETURN, 0);
        double r1 = is.transform(InputFeature.LOG_RETURN, 1);
        Normalisation n = new Normalisation(mean, std, -r0 / (r1 - r0), 1 / (r1 - r0), 1.0);
        if (!withSession) {
            return n;
        }
        List<Window> train = ds.windows(Split.TRAIN);
        int[] ends = new int[train.size()];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = train.get(i).endIndex();
        }
        return n.withSession(SessionProfile.fit(ds.bars(), ends));
    }
}
