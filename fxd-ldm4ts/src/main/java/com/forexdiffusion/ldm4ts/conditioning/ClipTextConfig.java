package com.forexdiffusion.ldm4ts.conditioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.forexdiffusion.core.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sizes of a CLIP text model, as in HuggingFace's {@code config.json} (or its {@code text_config}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClipTextConfig(@JsonProperty("vocab_size") int vocabSize,
                             @JsonProperty("hidden_size") int hiddenSize,
                             @JsonProperty("intermediate_size") int intermediateSize,
                             @JsonProperty("num_hidden_layers") int numHiddenLayers,
                             @JsonProperty("num_attention_heads") int numAttentionHeads,
                             @JsonProperty("max_position_embeddings") int maxPositionEmbeddings,
                             @JsonProperty("eos_token_id") int eosTokenId) {

    /** CLIP ViT-B/32's text model. */
    public static ClipTextConfig vitB32() {
        return new ClipTextConfig(49408, 512, 2048, 12, 8, 77, 49407);
    }

    public static ClipTextConfig read(Path folder) {
        Path file = folder.resolve("config.json");
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            JsonNode text = root.has("text_config") ? root.get("text_config") : root;
            ClipTextConfig c = new ObjectMapper().treeToValue(text, ClipTextConfig.class);
            if (c.hiddenSize() <= 0 || c.numAttentionHeads() <= 0 || c.hiddenSize() % c.numAttentionHeads() != 0
                    || c.vocabSize() <= 0 || c.maxPositionEmbeddings() <= 0) {
                throw BadInputException.ofSource(file.toString(), "CLIP text config needs vocab_size, hidden_size "
                        + "divisible by num_attention_heads and max_position_embeddings");
            }
            return c;
        } catch (IOException e) {
            throw BadInputException.ofSource(file.toString(), Files.exists(file) ? "invalid CLIP config: "
                    + e.getMessage() : "no CLIP config: " + folder + " is not a CLIP model folder");
        }
    }
}
