package dev.ferrum.conductor;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.Json;
import dev.ferrum.db.Condition;
import dev.ferrum.db.ListQuery;
import dev.ferrum.db.ObjectStore;
import dev.ferrum.db.Stores;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deploy templates at deploy time: the user-requested deploy steps of a node are the steps of every deploy
 * template named after one of the traits requested for its instance (Ironic's conductor does the same
 * with {@code instance_info["traits"]}, the subset of the node's traits the flavor or image asked for).
 */
public final class DeployTemplates {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private final ObjectStore templates;

    public DeployTemplates(Stores stores) {
        this.templates = Objects.requireNonNull(stores).deployTemplates;
    }

    /**
     * The steps of every template whose name is one of {@code traits}, as fresh maps of {@code interface}
     * (String), {@code step} (String), {@code args} (a mutable Map of plain Java values) and {@code priority}
     * (Integer). Templates come in the order they were created, each template's steps in the order it lists
     * them; the caller merges them with the driver's steps and sorts by priority. Traits that name no
     * template are ignored; none at all gives an empty list.
     */
    public List<Map<String, Object>> stepsForTraits(Collection<String> traits) {
        Set<String> names = new TreeSet<>();
        traits.stream().filter(Objects::nonNull).forEach(names::add);
        if (names.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> rows = templates.list(new ListQuery(
                List.of(new Condition.In("name", List.copyOf(names))), "id", false, 0, null));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            // Exact names only: MariaDB's default collation would also match other letter cases.
            if (!names.contains((String) row.get("name"))) {
                continue;
            }
            for (JsonNode s : (JsonNode) row.get("steps")) {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("interface", s.get("interface").textValue());
                step.put("step", s.get("step").textValue());
                step.put("args", Json.MAPPER.convertValue(s.get("args"), MAP));
                step.put("priority", s.get("priority").intValue());
                steps.add(step);
            }
        }
        return steps;
    }
}
