package dev.ferrum.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Traits;
import dev.ferrum.common.objects.ObjectSpec;
import dev.ferrum.common.objects.Objects;
import dev.ferrum.db.Stores;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * /v1/deploy_templates (API 1.55). Templates have no conductor-side state, so writes go straight to the
 * database, as in Ironic. There is no /detail URL (Ironic has none: "detail" is looked up as a name).
 */
final class DeployTemplatesController {
    private static final ObjectSpec SPEC = Objects.DEPLOY_TEMPLATE;
    private static final String RESOURCE = "deploy_templates";
    private static final String TOO_OLD = "The API version does not allow deploy templates";
    private final Stores stores;
    private final int maxLimit;

    DeployTemplatesController(Stores stores, int maxLimit) {
        this.stores = stores;
        this.maxLimit = maxLimit;
    }

    void routes(RoutesConfig r) {
        r.get("/v1/deploy_templates", this::list);
        r.post("/v1/deploy_templates", this::create);
        r.get("/v1/deploy_templates/{template}", this::show);
        r.patch("/v1/deploy_templates/{template}", this::update);
        r.delete("/v1/deploy_templates/{template}", this::delete);
    }

    private void list(Context ctx) {
        requireVersion(ctx);
        Collections.list(ctx, stores.deployTemplates, maxLimit, false, Collections.Selection.of(List.of()), this::marker,
                RESOURCE, RESOURCE, (c, rows, p) -> render(c, rows, p.shownFields(SPEC), p.detail()));
    }

    private void show(Context ctx) {
        requireVersion(ctx);
        Set<String> fields = Listing.showFields(ctx, SPEC);
        Requests.json(ctx, render(ctx, List.of(find(ctx, ctx.pathParam("template"))), fields, true).getFirst());
    }

    private void create(Context ctx) {
        requireVersion(ctx);
        JsonNode body = withoutDescription(Requests.body(ctx));
        Map<String, Object> values = Inputs.forCreate(SPEC, body, Requests.version(ctx));
        for (String required : List.of("name", "steps")) {
            if (values.get(required) == null) {
                throw FerrumException.invalid("'%s' is a required property", required);
            }
        }
        checkValues(values);
        Map<String, Object> template = stores.deployTemplates.insert(SPEC.withDefaults(values));
        ctx.status(201).header("Location", Requests.base(ctx) + "/v1/" + RESOURCE + "/" + template.get("uuid"));
        Requests.json(ctx, render(ctx, List.of(template), null, true).getFirst());
    }

    private void update(Context ctx) {
        requireVersion(ctx);
        int minor = Requests.version(ctx);
        Map<String, Object> template = find(ctx, ctx.pathParam("template"));
        ObjectNode doc = Views.render(SPEC, template, minor, null); // step args unmasked: patches keep their secrets
        Map<String, Object> changes = JsonPatches.apply(SPEC, doc, Requests.body(ctx), minor, Set.of("name", "steps"));
        checkValues(changes);
        String uuid = (String) template.get("uuid");
        Map<String, Object> updated = changes.isEmpty() ? template
                : stores.deployTemplates.update(uuid, changes).orElseThrow(() -> notFound(uuid));
        Requests.json(ctx, render(ctx, List.of(updated), null, true).getFirst());
    }

    private void delete(Context ctx) {
        requireVersion(ctx);
        Listing.allowOnly(ctx, Set.of());
        String uuid = (String) find(ctx, ctx.pathParam("template")).get("uuid");
        if (!stores.deployTemplates.delete(uuid)) {
            throw notFound(uuid);
        }
        ctx.status(204);
    }

    /** By UUID or name. Names are compared exactly, also on MariaDB, whose default collation ignores case. */
    private Map<String, Object> find(Context ctx, String ident) {
        Map<String, Object> t = NodeLookup.byIdent(stores.deployTemplates, ident, Requests.version(ctx), SPEC.since());
        if (!Inputs.isUuid(ident) && !ident.equals(t.get("name"))) {
            throw notFound(ident);
        }
        return t;
    }

    /** Markers are UUIDs only, as in Ironic. */
    private Map<String, Object> marker(String marker) {
        if (!Inputs.isUuid(marker)) {
            throw notFound(marker);
        }
        return stores.deployTemplates.get("uuid", Inputs.uuid(marker)).orElseThrow(() -> notFound(marker));
    }

    private static FerrumException notFound(String ident) {
        return FerrumException.notFound("Deploy template %s could not be found.", ident);
    }

    /** Step args are masked like every other place credentials may appear. */
    private static List<ObjectNode> render(Context ctx, List<Map<String, Object>> rows, Set<String> fields, boolean full) {
        List<ObjectNode> out = Collections.simple(ctx, SPEC, RESOURCE, rows, fields, full, List.of());
        out.forEach(n -> {
            if (n.has("steps")) {
                n.set("steps", Views.mask(n.get("steps")));
            }
        });
        return out;
    }

    /** Checks name and steps beyond their JSON types, and stores steps in their normalized form. */
    private static void checkValues(Map<String, Object> values) {
        // steps first: when both are wrong Ironic's schema validation reports the steps
        if (values.containsKey("steps")) {
            values.put("steps", DeploySteps.check((JsonNode) values.get("steps")));
        }
        if (values.containsKey("name")) {
            Traits.check("template", (String) values.get("name"));
        }
    }

    /**
     * Ironic 21.4's create schema takes a {@code description} (a string of up to 255 characters or null) but
     * stores it nowhere; Ferrum checks it the same way and drops it, so clients sending one keep working.
     */
    private static JsonNode withoutDescription(JsonNode body) {
        if (body == null || !body.isObject() || !body.has("description")) {
            return body;
        }
        JsonNode d = body.get("description");
        if (!d.isNull() && !d.isTextual()) {
            throw FerrumException.invalid("Invalid input for field/attribute description. Value: %s. It must be a string.", d);
        }
        if (d.isTextual() && d.textValue().length() > 255) {
            throw FerrumException.invalid("Invalid input for field/attribute description. It is longer than 255 characters.");
        }
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        copy.remove("description");
        return copy;
    }

    /** Before 1.55 Ironic answers 404 to reads and 405 to writes of deploy templates, as routing errors. */
    private static void requireVersion(Context ctx) {
        if (Requests.version(ctx) < SPEC.since()) {
            throw new FerrumException(ctx.method().name().equals("GET") ? ErrorCode.RESOURCE_NOT_FOUND
                    : ErrorCode.RESOURCE_METHOD_NOT_ALLOWED, TOO_OLD);
        }
    }
}
