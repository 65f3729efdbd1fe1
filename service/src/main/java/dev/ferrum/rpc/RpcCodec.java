package dev.ferrum.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RPC values as JSON that decodes to exactly the Java values that were sent. Strings, booleans, ints and
 * null are plain JSON; every other value, maps and lists included, is an object {"t": kind, "v": value}, so a
 * JSON object on the wire is always such a wrapper and a user map with any keys (even "t") stays unambiguous.
 */
public final class RpcCodec {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RpcCodec() {
    }

    public static JsonNode encode(Object v) {
        return switch (v) {
            case null -> F.nullNode();
            case String s -> F.textNode(s);
            case Boolean b -> F.booleanNode(b);
            case Integer i -> F.numberNode(i);
            case Long l -> tagged("long", F.numberNode(l));
            case Double d -> tagged("double", F.numberNode(d));
            case BigDecimal d -> tagged("decimal", F.textNode(d.toString()));
            case JsonNode j -> tagged("json", j);
            case Json.Stored s -> tagged("stored", F.textNode(s.text()));
            case LocalDateTime t -> tagged("datetime", F.textNode(t.toString()));
            case OffsetDateTime t -> tagged("offset_datetime", F.textNode(t.toString()));
            case Instant t -> tagged("instant", F.textNode(t.toString()));
            case List<?> list -> {
                ArrayNode a = F.arrayNode(list.size());
                list.forEach(e -> a.add(encode(e)));
                yield tagged("list", a);
            }
            case Map<?, ?> map -> {
                ObjectNode o = F.objectNode();
                map.forEach((k, e) -> {
                    if (!(k instanceof String key)) {
                        throw new IllegalArgumentException("RPC maps need string keys, not " + k);
                    }
                    o.set(key, encode(e));
                });
                yield tagged("map", o);
            }
            default -> throw new IllegalArgumentException("No RPC encoding for " + v.getClass().getName());
        };
    }

    public static Object decode(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isInt()) {
            return n.intValue();
        }
        if (!n.isObject() || !n.path("t").isTextual() || !n.has("v")) {
            throw new IllegalArgumentException("Malformed RPC value: " + n);
        }
        JsonNode v = n.get("v");
        return switch (n.get("t").textValue()) {
            case "long" -> v.longValue();
            case "double" -> v.doubleValue();
            case "decimal" -> new BigDecimal(v.textValue());
            case "json" -> v;
            case "stored" -> new Json.Stored(v.textValue());
            case "datetime" -> LocalDateTime.parse(v.textValue());
            case "offset_datetime" -> OffsetDateTime.parse(v.textValue());
            case "instant" -> Instant.parse(v.textValue());
            case "list" -> {
                List<Object> list = new ArrayList<>(v.size());
                v.forEach(e -> list.add(decode(e)));
                yield list;
            }
            case "map" -> {
                Map<String, Object> map = new LinkedHashMap<>();
                v.properties().forEach(e -> map.put(e.getKey(), decode(e.getValue())));
                yield map;
            }
            default -> throw new IllegalArgumentException("Unknown RPC value kind " + n.get("t"));
        };
    }

    private static ObjectNode tagged(String kind, JsonNode value) {
        ObjectNode o = F.objectNode();
        o.put("t", kind);
        o.set("v", value);
        return o;
    }

    /** A reply carrying an error: a FerrumException keeps its code and message, anything else is an internal error. */
    public static ObjectNode error(Throwable e, String host) {
        ObjectNode err = F.objectNode();
        if (e instanceof FerrumException fe) {
            err.put("code", fe.code().name());
            err.put("message", fe.getMessage());
        } else {
            err.put("code", ErrorCode.INTERNAL.name());
            err.put("message", "An internal error occurred in conductor " + host + "; see its log for details.");
        }
        return err;
    }

    /** The exception an error reply stands for, to be thrown on the caller's side. */
    public static FerrumException exception(JsonNode err) {
        ErrorCode code;
        try {
            code = ErrorCode.valueOf(err.path("code").asText());
        } catch (IllegalArgumentException e) {
            code = ErrorCode.INTERNAL; // a newer conductor's code this API does not know yet
        }
        return new FerrumException(code, err.path("message").asText("(no message)"));
    }
}
