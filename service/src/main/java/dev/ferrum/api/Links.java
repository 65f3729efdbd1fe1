package dev.ferrum.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/** The self/bookmark link pairs Ironic puts on every object. */
public final class Links {
    private Links() {
    }

    /** @param base the public base URL without trailing slash, e.g. http://127.0.0.1:6385 */
    public static ArrayNode of(String base, String resource, String id) {
        return of(base, resource + "/" + id);
    }

    public static ArrayNode of(String base, String path) {
        ArrayNode links = JsonNodeFactory.instance.arrayNode(2);
        links.addObject().put("href", self(base, path)).put("rel", "self");
        links.addObject().put("href", bookmark(base, path)).put("rel", "bookmark");
        return links;
    }

    /** The same pair as {@link #of(String, String)}, written straight to a generator ({@link View}). */
    static void write(JsonGenerator g, String base, String path) throws IOException {
        g.writeStartArray();
        g.writeStartObject();
        g.writeStringField("href", self(base, path));
        g.writeStringField("rel", "self");
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("href", bookmark(base, path));
        g.writeStringField("rel", "bookmark");
        g.writeEndObject();
        g.writeEndArray();
    }

    private static String self(String base, String path) {
        return base + "/v1/" + path;
    }

    /** The unversioned URL, as Ironic gives it. */
    private static String bookmark(String base, String path) {
        return base + "/" + path;
    }
}
