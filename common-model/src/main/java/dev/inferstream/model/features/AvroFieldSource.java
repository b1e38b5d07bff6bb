package dev.inferstream.model.features;

import dev.inferstream.model.manifest.FieldPath;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** Reads fields, nested records included, from an Avro record; a missing field reads as null. */
public record AvroFieldSource(GenericRecord record) implements FieldSource {

    @Override
    public Object value(FieldPath path) {
        Object current = record;
        List<String> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            if (!(current instanceof GenericRecord r)) {
                return null;
            }
            Schema.Field field = r.getSchema().getField(segments.get(i));
            if (field == null) {
                return null;
            }
            current = r.get(field.pos());
        }
        return current;
    }
}
