package com.forexdiffusion.ldm4ts.conditioning;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.forexdiffusion.core.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The paper profile's tokenizer: a local {@code tokenizer.json} (CLIP's BPE) run by DJL's HuggingFace tokenizers,
 * truncated or padded to the text model's context length with its padding id.
 */
public final class ClipTokenizer implements Tokenizer, AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final int length;
    private final int padId;
    private final int vocabulary;

    private ClipTokenizer(HuggingFaceTokenizer tokenizer, int length, int padId, int vocabulary) {
        this.tokenizer = tokenizer;
        this.length = length;
        this.padId = padId;
        this.vocabulary = vocabulary;
    }

    /**
     * @param file       tokenizer.json
     * @param padId      the id padding fills with (CLIP pads with its end-of-text id 49407)
     * @param vocabulary the text model's vocabulary size; a larger id is an error
     */
    public static ClipTokenizer load(Path file, int length, int padId, int vocabulary) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.ofSource(file.toString(), "tokenizer.json is missing");
        }
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "true",
                    "truncation", "false", "padding", "false"));
            return new ClipTokenizer(t, length, padId, vocabulary);
        } catch (IOException | RuntimeException e) {
            throw BadInputException.ofSource(file.toString(), "cannot read the tokenizer: " + e.getMessage());
        }
    }

    @Override
    public int[] encode(String text) {
        Encoding e = tokenizer.encode(text);
        long[] ids = e.getIds();
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            long id = i < ids.length ? ids[i] : padId;
            if (id < 0 || id >= vocabulary) {
                throw new IllegalStateException("token id " + id + " is outside the text model's vocabulary of "
                        + vocabulary);
            }
            out[i] = (int) id;
        }
        return out;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int vocabularySize() {
        return vocabulary;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
