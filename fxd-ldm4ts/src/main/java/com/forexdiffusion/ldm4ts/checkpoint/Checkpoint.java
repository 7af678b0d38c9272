package com.forexdiffusion.ldm4ts.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.forexdiffusion.core.AtomicFile;
import com.forexdiffusion.core.BadInputException;
import com.forexdiffusion.ldm4ts.model.Ldm4tsConfig;
import com.forexdiffusion.ldm4ts.model.Ldm4tsModel;
import com.forexdiffusion.ldm4ts.nn.Params;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A model directory (SPEC §4): {@code config.json}, {@code model.safetensors}, {@code training.json} and
 * {@code optimizer.safetensors}, each written atomically, config last. Loading checks every tensor's name and
 * shape and never falls back to random weights.
 */
public final class Checkpoint {
    public static final String CONFIG = "config.json";
    public static final String MODEL = "model.safetensors";
    public static final String TRAINING = "training.json";
    public static final String OPTIMIZER = "optimizer.safetensors";
    public static final String RESUME = "resume.safetensors";
    private static final String RESUME_KEY = "resume_state";
    public static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Checkpoint() {
    }

    /**
     * Saves a model. {@code optimizer} maps state names to tensors (may be empty); {@code training} may be null.
     */
    public static void save(Path dir, Ldm4tsConfig config, Params params, TrainingState training,
                            Map<String, NDArray> optimizer) {
        writeTensors(dir.resolve(MODEL), params.tensors(), Map.of("format", "pt", "model", "ldm4ts",
                "profile", config.profile()));
        if (optimizer != null && !optimizer.isEmpty()) {
            writeTensors(dir.resolve(OPTIMIZER), optimizer, Map.of("format", "pt"));
        }
        if (training != null) {
            writeJson(dir.resolve(TRAINING), training);
        }
        writeJson(dir.resolve(CONFIG), config);
    }

    /** The resume state and its tensors (live weights, EMA averages, optimiser moments), in one atomic file. */
    public static void saveResume(Path dir, ResumeState state, Map<String, NDArray> tensors) {
        try {
            writeTensors(dir.resolve(RESUME), tensors, Map.of("format", "pt", RESUME_KEY, JSON.writeValueAsString(state)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@link #saveResume} wrote; a directory without one cannot be resumed. */
    public record Resume(ResumeState state, Map<String, Tensor> tensors) {
    }

    public static Resume readResume(Path dir) {
        Path file = dir.resolve(RESUME);
        if (!Files.isRegularFile(file)) {
            throw BadInputException.ofSource(file.toString(), "no resume state: " + dir + " was not written by a "
                    + "resumable training run (train it again, or without --resume)");
        }
        Safetensors.Contents c = Safetensors.read(file);
        String json = c.metadata().get(RESUME_KEY);
        if (json == null) {
            throw BadInputException.ofSource(file.toString(), "the resume state's metadata is missing");
        }
        try {
            return new Resume(JSON.readValue(json, ResumeState.class), c.tensors());
        } catch (IOException e) {
            throw BadInputException.ofSource(file.toString(), "invalid resume state: " + rootMessage(e));
        }
    }

    private static void writeTensors(Path file, Map<String, NDArray> tensors, Map<String, String> metadata) {
        List<Tensor> list = new ArrayList<>(tensors.size());
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            list.add(new Tensor(e.getKey(), e.getValue().getShape().getShape(), e.getValue().toFloatArray()));
        }
        AtomicFile.write(file, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                Safetensors.write(out, list, metadata);
            }
        });
    }

    private static void writeJson(Path file, Object value) {
        AtomicFile.write(file, tmp -> JSON.writeValue(tmp.toFile(), value));
    }

    public static Ldm4tsConfig readConfig(Path dir) {
        Path file = dir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw BadInputException.ofSource(file.toString(), "no model config: " + dir + " is not a model directory");
        }
        try {
            return JSON.readValue(file.toFile(), Ldm4tsConfig.class);
        } catch (IOException | RuntimeException e) {
            throw BadInputException.ofSource(file.toString(), "invalid model config: " + rootMessage(e));
        }
    }

    public static TrainingState readTraining(Path dir) {
        Path file = dir.resolve(TRAINING);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), TrainingState.class);
        } catch (IOException e) {
            throw BadInputException.ofSource(file.toString(), "invalid training state: " + rootMessage(e));
        }
    }

    /** Builds the model its config describes and loads every weight from {@code model.safetensors}. */
    public static Ldm4tsModel load(Path dir, Device device) {
        return load(dir, device, UnaryOperator.identity());
    }

    /**
     * As {@link #load(Path, Device)} with the config adjusted first, for settings that do not change the weights
     * (how samples are drawn).
     */
    public static Ldm4tsModel load(Path dir, Device device, UnaryOperator<Ldm4tsConfig> adjust) {
        Ldm4tsConfig config = adjust.apply(readConfig(dir));
        if (config.normalisation() == null) {
            throw BadInputException.ofSource(dir.resolve(CONFIG).toString(), "the model was never trained: "
                    + "normalisation statistics are missing");
        }
        Path file = dir.resolve(MODEL);
        if (!Files.isRegularFile(file)) {
            throw BadInputException.ofSource(file.toString(), "model weights are missing");
        }
        Safetensors.Contents contents = Safetensors.read(file);
        Ldm4tsModel model = Ldm4tsModel.create(config, device);
        try {
            assignAll(model.params(), contents.tensors(), "", file.toString());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /** Loads optimiser state tensors, or an empty map when the checkpoint has none. */
    public static Map<String, Tensor> readOptimizer(Path dir) {
        Path file = dir.resolve(OPTIMIZER);
        return Files.isRegularFile(file) ? Safetensors.read(file).tensors() : Map.of();
    }

    /**
     * Assigns the file's tensors to every parameter whose name starts with {@code prefix} (file names are the
     * parameter names without it). Every such parameter must be present with its shape, and the file may hold
     * nothing else.
     */
    public static void assignAll(Params params, Map<String, Tensor> file, String prefix, String source) {
        Map<String, Tensor> remaining = new LinkedHashMap<>(file);
        for (Map.Entry<String, NDArray> e : params.tensors().entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            String name = e.getKey().substring(prefix.length());
            Tensor t = remaining.remove(name);
            if (t == null) {
                throw BadInputException.ofSource(source, "tensor " + name + " is missing (the model needs shape "
                        + e.getValue().getShape() + ")");
            }
            Shape shape = new Shape(t.shape());
            if (!shape.equals(e.getValue().getShape())) {
                throw BadInputException.ofSource(source, "tensor " + name + " has shape " + shape + " but the model "
                        + "needs " + e.getValue().getShape());
            }
            params.assign(e.getKey(), shape, t.values());
        }
        if (!remaining.isEmpty()) {
            throw BadInputException.ofSource(source, "tensors the model does not have: "
                    + new TreeSet<>(remaining.keySet()).stream().limit(5).toList()
                    + (remaining.size() > 5 ? " and " + (remaining.size() - 5) + " more" : ""));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
