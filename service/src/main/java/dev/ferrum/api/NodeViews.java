package dev.ferrum.api;

import dev.ferrum.common.States;
import dev.ferrum.common.objects.Field;
import dev.ferrum.common.objects.Objects;
import dev.ferrum.db.Stores;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders nodes with their computed fields (traits, conductor) and links, for any list or show. */
final class NodeViews {
    private final Stores stores;
    private final Conductors conductors;

    NodeViews(Stores stores, Conductors conductors) {
        this.stores = stores;
        this.conductors = conductors;
    }

    /**
     * @param fields  selected fields or null for all
     * @param full    true for show/detail, which also carry the sub-resource links
     */
    List<View> render(Context ctx, List<Map<String, Object>> rows, Set<String> fields, boolean full) {
        int minor = Requests.version(ctx);
        String base = Requests.base(ctx);
        // Rows carry their traits (TraitStore keeps the column); only rows written before it had one are looked up.
        boolean wantsTraits = minor >= 37 && wants(fields, "traits");
        List<String> unknown = wantsTraits
                ? rows.stream().filter(r -> r.get("traits") == null).map(r -> (String) r.get("uuid")).toList() : List.of();
        Map<String, List<String>> traits = unknown.isEmpty() ? Map.of() : stores.traits.forNodes(unknown);
        var ring = minor >= 49 && wants(fields, "conductor") ? conductors.ring() : null;
        List<Field> shown = Views.shown(Objects.NODE, minor, fields);
        List<String> subResources = new ArrayList<>();
        if (full && fields == null) {
            subResources.add("ports");
            if (minor >= 14) {
                subResources.add("states");
            }
            if (minor >= 24) {
                subResources.add("portgroups");
            }
            if (minor >= 32) {
                subResources.add("volume");
            }
        }
        List<View> out = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            String uuid = (String) row.get("uuid");
            boolean oldAvailable = minor < 2 && States.AVAILABLE.equals(row.get("provision_state"));
            Map<String, Object> r = row;
            // A copy only for computed fields: a page of a plain listing needs none.
            if ((wantsTraits && row.get("traits") == null) || ring != null || oldAvailable) {
                r = new HashMap<>(row);
                if (r.get("traits") == null) {
                    r.put("traits", traits.getOrDefault(uuid, List.of()));
                }
                if (ring != null) {
                    r.put("conductor", ring.owner(uuid, (String) row.get("driver"), (String) row.get("conductor_group")).orElse(null));
                }
                if (oldAvailable) {
                    r.put("provision_state", null); // before 1.2 "available" was shown as no state
                }
            }
            out.add(new View(shown, r, base, "nodes/" + uuid, subResources));
        }
        return out;
    }

    private static boolean wants(Set<String> fields, String name) {
        return fields == null || fields.contains(name);
    }
}
