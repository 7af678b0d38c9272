package com.forexdiffusion.ldm4ts.train;

import ai.djl.ndarray.NDArray;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.ldm4ts.checkpoint.Checkpoint;
import com.forexdiffusion.ldm4ts.checkpoint.EpochRecord;
import com.forexdiffusion.ldm4ts.checkpoint.ResumeState;
import com.forexdiffusion.ldm4ts.checkpoint.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stage 2's resume state: written after every epoch, read back so a resumed run continues exactly. */
final class StageTwoResume {
    private StageTwoResume() {
    }

    /** Live weights, EMA averages, optimiser moments and counters of the resumed epoch. */
    /** @return the resumed run's skipped-step count */
    static long restore(Ldm4tsTrainer.Stage2 st, Checkpoint.Resume resumed, Ldm4tsTrainer.Progress p) {
        ResumeState rs = resumed.state();
        Map<String, Tensor> t = resumed.tensors();
        List<float[]> averages = new ArrayList<>();
        Map<String, Tensor> moments = new LinkedHashMap<>();
        for (NDArray param : st.params()) {
            Tensor live = require(t, LIVE + param.getName());
            st.model().params().assign(param.getName(), param.getShape(), live.values());
            averages.add(require(t, EMA + param.getName()).values());
        }
        t.forEach((k, v) -> {
            if (k.startsWith(OPT)) {
                moments.put(k.substring(OPT.length()), v);
            }
        });
        st.ema().restore(averages, rs.emaUpdates());
        st.opt().restore(moments);
        p.epoch = rs.epoch();
        p.step = rs.step();
        p.sinceBest = rs.sinceBest();
        p.best = rs.best();
        p.bestMetrics = rs.bestMetrics();
        return rs.skippedSteps();
    }

    private static Tensor require(Map<String, Tensor> t, String name) {
        Tensor v = t.get(name);
        if (v == null) {
            throw BadInputException.ofSource(Checkpoint.RESUME, "tensor " + name + " is missing from the resume state");
        }
        return v;
    }

    private static final String LIVE = "live.";
    private static final String EMA = "ema.";
    private static final String OPT = "optimizer.";

    static void save(Ldm4tsTrainer.Stage2 st, Path out, Ldm4tsTrainer.Progress p, List<EpochRecord> history,
                     long skippedSteps, double vaeRate) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (int i = 0; i < st.params().size(); i++) {
            NDArray param = st.params().get(i);
            tensors.put(LIVE + param.getName(), param);
            tensors.put(EMA + param.getName(), st.ema().shadow().get(i));
        }
        st.opt().state().forEach((k, v) -> tensors.put(OPT + k, v));
        Checkpoint.saveResume(out, new ResumeState(p.epoch, p.step, p.sinceBest, st.ema().updates(), p.best,
                p.bestMetrics, history, skippedSteps, vaeRate), tensors);
    }

}
