package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.common.objects.Field;
import dev.ferrum.common.objects.ObjectSpec;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The list parameters every collection takes (limit, marker, sort, fields, detail) and its next link. */
public record Listing(int limit, String marker, String sortKey, boolean descending, Set<String> fields, boolean detail) {

    /**
     * @param detailEndpoint true for {@code /detail} URLs, which always show every field
     */
    /** Parameters every collection takes; /detail URLs take neither fields nor detail. */
    static final Set<String> PAGING = Set.of("limit", "marker", "sort_key", "sort_dir");

    /**
     * @param filters the endpoint's own filter parameters; any other parameter is refused, as in Ironic
     */
    public static Listing parse(Context ctx, ObjectSpec spec, int minor, int maxLimit, boolean detailEndpoint, Set<String> filters) {
        Set<String> allowed = new java.util.HashSet<>(PAGING);
        allowed.addAll(filters);
        if (!detailEndpoint) {
            allowed.add("fields");
            allowed.add("detail");
        }
        allowOnly(ctx, allowed);
        int limit = maxLimit;
        String l = ctx.queryParam("limit");
        if (l != null && !l.isEmpty()) {
            int n;
            try {
                n = Integer.parseInt(l.strip());
            } catch (NumberFormatException e) {
                throw FerrumException.invalid("Invalid input for query parameter limit. Value: '%s'. Wrong type. "
                        + "Expected an integer.", l);
            }
            if (n <= 0) {
                throw FerrumException.invalid("Limit must be positive");
            }
            limit = Math.min(n, maxLimit);
        }
        String sortKey = ctx.queryParam("sort_key");
        if (sortKey == null || sortKey.isEmpty()) {
            sortKey = "id";
        } else {
            Field f = spec.field(sortKey);
            if (!sortKey.equals("id") && (f == null || !f.stored() || f.isJson() || f.since() > minor)) {
                throw FerrumException.invalid("The sort_key value %s is an invalid field for sorting", sortKey);
            }
        }
        String dir = ctx.queryParam("sort_dir");
        boolean desc = false;
        if (dir != null && !dir.isEmpty()) {
            switch (dir.toLowerCase(Locale.ROOT)) {
                case "asc" -> desc = false;
                case "desc" -> desc = true;
                default -> throw FerrumException.invalid("Invalid sort direction: %s. Acceptable values are 'asc' or 'desc'", dir);
            }
        }
        boolean detail = detailEndpoint;
        String d = ctx.queryParam("detail");
        if (d != null) {
            if (minor < spec.detailParamSince()) {
                throw FerrumException.invalid("Invalid query parameter ?detail=%s received.", d);
            }
            if (detailEndpoint) {
                throw FerrumException.invalid("The detail parameter cannot be used on a /detail URL.");
            }
            detail = Inputs.boolParam("detail", d);
        }
        Set<String> fields = null;
        String fs = ctx.queryParam("fields");
        if (fs != null) {
            requireVersion(minor, 8, "fields");
            if (detail) {
                throw FerrumException.invalid("Can not specify ?detail=True and fields in the same request.");
            }
            fields = fields(spec, fs, minor);
        }
        String marker = ctx.queryParam("marker");
        return new Listing(limit, marker == null || marker.isEmpty() ? null : marker, sortKey, desc, fields, detail);
    }

    /** The {@code fields=} selection of a show request (the only parameter a show takes), or null for all. */
    public static Set<String> showFields(Context ctx, ObjectSpec spec) {
        allowOnly(ctx, Set.of("fields"));
        int minor = Requests.version(ctx);
        String fs = Requests.queryParam(ctx, "fields", 8);
        return fs == null ? null : fields(spec, fs, minor);
    }

    /** Parses {@code fields=a,b}; every name must be a field of the object at this version. */
    public static Set<String> fields(ObjectSpec spec, String fs, int minor) {
        Set<String> fields = new LinkedHashSet<>();
        Arrays.stream(fs.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(fields::add);
        List<String> unknown = fields.stream().filter(f -> spec.field(f) == null).toList();
        if (!unknown.isEmpty()) {
            throw FerrumException.invalid("Field(s) \"%s\" are not valid", String.join(", ", unknown));
        }
        List<String> newer = fields.stream().filter(f -> !spec.visible(f, minor)).toList();
        if (!newer.isEmpty()) {
            throw FerrumException.notAcceptable("Request not acceptable. Field(s) \"%s\" need a newer API version.",
                    String.join(", ", newer));
        }
        return fields;
    }

    public static void requireVersion(int minor, int since, String param) {
        if (minor < since) {
            throw FerrumException.notAcceptable("Request not acceptable. The minimal required API version should be 1.%d "
                    + "for the parameter '%s'.", since, param);
        }
    }

    /** Ironic rejects query parameters an endpoint does not take. */
    public static void allowOnly(Context ctx, java.util.Collection<String> allowed) {
        List<String> unexpected = ctx.queryParamMap().keySet().stream().filter(k -> !allowed.contains(k)).sorted().toList();
        if (!unexpected.isEmpty()) {
            throw FerrumException.invalid("Unexpected arguments: %s", String.join(", ", unexpected));
        }
    }

    /** The fields to render: the selection, or every field for detail, or the object's list fields. */
    public Set<String> shownFields(ObjectSpec spec) {
        if (fields != null) {
            return fields;
        }
        return detail ? null : new LinkedHashSet<>(spec.listFields());
    }

    /** Wraps items as {@code {"<key>": [...], "next": url}}, with next only when the page is full. */
    public ObjectNode collection(Context ctx, String base, String key, String path, List<? extends JsonSerializable> items,
                                 String lastMarker) {
        ObjectNode out = Json.object();
        ArrayNode array = out.putArray(key);
        for (JsonSerializable item : items) {
            if (item instanceof JsonNode node) {
                array.add(node);
            } else {
                array.addPOJO(item); // written by its own serialize() when the response is
            }
        }
        if (!items.isEmpty() && items.size() == limit) {
            out.put("next", base + "/v1/" + path + "?" + nextQuery(ctx.queryParamMap(), lastMarker));
        }
        return out;
    }

    private String nextQuery(Map<String, List<String>> params, String lastMarker) {
        String kept = params.entrySet().stream()
                .filter(e -> !e.getKey().equals("limit") && !e.getKey().equals("marker"))
                .flatMap(e -> e.getValue().stream().map(v -> enc(e.getKey()) + "=" + enc(v) + "&"))
                .collect(Collectors.joining());
        return kept + "limit=" + limit + "&marker=" + enc(lastMarker);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2C", ",");
    }
}
