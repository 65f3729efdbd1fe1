package dev.ferrum.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.FerrumException;

import dev.ferrum.common.objects.ObjectSpec;
import dev.ferrum.common.objects.Objects;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /v1/conductors (API 1.49+): membership as the conductors table records it. */
final class ConductorsController {
    private static final ObjectSpec SPEC = Objects.CONDUCTOR;
    private final Conductors conductors;
    private final int maxLimit;

    ConductorsController(Conductors conductors, int maxLimit) {
        this.conductors = conductors;
        this.maxLimit = maxLimit;
    }

    void routes(RoutesConfig r) {
        r.get("/v1/conductors", this::list);
        r.get("/v1/conductors/{hostname}", this::show);
    }

    private void list(Context ctx) {
        Requests.requireVersion(ctx, 49);
        Listing p = Listing.parse(ctx, SPEC, Requests.version(ctx), maxLimit, false, Set.of());
        String key = p.sortKey();
        Comparator<Map<String, Object>> cmp = Comparator.comparing(r -> String.valueOf(r.get(key)));
        cmp = cmp.thenComparing(r -> (Long) r.get("id"));
        if (p.descending()) {
            cmp = cmp.reversed();
        }
        List<Map<String, Object>> rows = conductors.list().stream().sorted(cmp).toList();
        if (p.marker() != null) {
            int at = -1;
            for (int i = 0; i < rows.size(); i++) {
                if (p.marker().equals(rows.get(i).get("hostname"))) {
                    at = i;
                }
            }
            if (at < 0) {
                throw FerrumException.notFound("Conductor %s could not be found.", p.marker());
            }
            rows = rows.subList(at + 1, rows.size());
        }
        rows = rows.subList(0, Math.min(rows.size(), p.limit()));
        List<ObjectNode> items = rows.stream().map(r -> render(ctx, r, p.shownFields(SPEC))).toList();
        String last = rows.isEmpty() ? null : (String) rows.getLast().get("hostname");
        Requests.json(ctx, p.collection(ctx, Requests.base(ctx), "conductors", "conductors", items, last));
    }

    private void show(Context ctx) {
        Requests.requireVersion(ctx, 49);
        String host = ctx.pathParam("hostname");
        Map<String, Object> row = conductors.get(host).orElseThrow(() -> FerrumException.notFound("Conductor %s could not be found.", host));
        Requests.json(ctx, render(ctx, row, Listing.showFields(ctx, SPEC)));
    }

    private ObjectNode render(Context ctx, Map<String, Object> row, Set<String> fields) {
        ObjectNode n = Views.render(SPEC, row, Requests.version(ctx), fields);
        n.set("links", Links.of(Requests.base(ctx), "conductors", (String) row.get("hostname")));
        return n;
    }

}
