package dev.inferstream.batch.io;

import dev.inferstream.schemas.Prediction;
import java.io.Serializable;
import java.util.Map;

/** A prediction with the headers it is written with and the input row it belongs to. */
public record ScoredRow(InputRow input, Prediction prediction, Map<String, byte[]> headers) implements Serializable {}
