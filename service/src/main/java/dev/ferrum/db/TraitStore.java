package dev.ferrum.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Node traits, read in bulk for a page of nodes. */
public final class TraitStore {
    private static final int CHUNK = 500;
    private final Database db;

    TraitStore(Database db) {
        this.db = db;
    }

    public Map<String, List<String>> forNodes(Collection<String> nodeUuids) {
        Map<String, List<String>> out = new HashMap<>();
        List<String> all = List.copyOf(nodeUuids);
        for (int i = 0; i < all.size(); i += CHUNK) {
            List<String> part = all.subList(i, Math.min(all.size(), i + CHUNK));
            String in = part.stream().map(x -> "?").collect(Collectors.joining(", "));
            db.jdbi().useHandle(h -> {
                var q = h.createQuery("SELECT node_uuid, trait FROM node_traits WHERE node_uuid IN (" + in + ") ORDER BY trait");
                for (int j = 0; j < part.size(); j++) {
                    q.bind(j, part.get(j));
                }
                q.map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                        .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            });
        }
        return out;
    }
}
