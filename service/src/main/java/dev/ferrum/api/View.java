package dev.ferrum.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.ferrum.common.objects.Field;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One API object written straight to the JSON generator when the response is: the {@link Views#shown} fields the
 * row has (values as {@link Views#value} renders them, secrets masked), then its self/bookmark links, then the
 * sub-resource links. Why not an ObjectNode: building a tree per row (a LinkedHashMap of value nodes) only to walk
 * it once cost about a sixth of a node page's CPU, and more of a GET's.
 *
 * @param path the object's path below /v1, e.g. {@code nodes/<uuid>}
 */
record View(List<Field> shown, Map<String, Object> row, String base, String path, List<String> subResources)
        implements JsonSerializable {

    @Override
    public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeStartObject();
        for (Field f : shown) {
            Object v = row.get(f.name());
            if (v != null || row.containsKey(f.name())) {
                g.writeFieldName(f.name());
                Views.value(f.name(), v).serialize(g, provider);
            }
        }
        g.writeFieldName("links");
        Links.write(g, base, path);
        for (String s : subResources) {
            g.writeFieldName(s);
            Links.write(g, base, path + "/" + s);
        }
        g.writeEndObject();
    }

    @Override
    public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer type) throws IOException {
        serialize(g, provider);
    }
}
