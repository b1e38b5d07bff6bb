package dev.inferstream.streaming.topology;

import dev.inferstream.model.routing.HeaderView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Kafka record headers as the model library reads them, and the prediction headers the scorer writes. */
final class KafkaHeaders {
    static final String MODEL = "ml.model";
    static final String VERSION = "ml.model.version";
    static final String SHA256 = "ml.model.sha256";
    static final String ARM = "ml.arm";
    static final String PREDICTION_ID = "ml.prediction.id";
    static final String SCHEMA_ID = "ml.schema.id";
    static final String LATENCY_US = "ml.latency.us";
    static final String[] WRITTEN = {MODEL, VERSION, SHA256, ARM, PREDICTION_ID, SCHEMA_ID, LATENCY_US};

    private KafkaHeaders() {}

    /** The last value per header key, in first-seen order. */
    static Map<String, byte[]> toMap(Headers headers) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (Header header : headers) {
            map.put(header.key(), header.value());
        }
        return map;
    }

    static HeaderView view(Map<String, byte[]> headers) {
        return headers::get;
    }
}
