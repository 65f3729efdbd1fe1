package dev.ferrum.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** JSON values as Python's repr() shows them: Ironic's error messages quote client values that way. */
public final class PyRepr {
    private PyRepr() {
    }

    public static String of(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "None";
        }
        if (v.isTextual()) {
            return string(v.asText());
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "True" : "False";
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(x -> items.add(of(x)));
            return "[" + String.join(", ", items) + "]";
        }
        if (v.isObject()) {
            return v.properties().stream().map(p -> string(p.getKey()) + ": " + of(p.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return v.asText();
    }

    public static String string(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
