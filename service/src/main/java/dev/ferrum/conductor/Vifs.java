package dev.ferrum.conductor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import dev.ferrum.db.Condition;
import dev.ferrum.db.ListQuery;
import dev.ferrum.db.ObjectStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * VIF bookkeeping of a node's network interface, as Ironic's non-neutron interfaces keep it: an attached VIF
 * is the {@code tenant_vif_port_id} key of one port's or port group's internal_info. The {@code noop} network
 * interface keeps nothing (attach and detach succeed, the list is empty), exactly as Ironic's noop does.
 *
 * <p>Attaching picks a free port-like object: port groups before ports, PXE-enabled ports before others,
 * then the oldest. A port group is free when none of its ports carries a VIF and it has ports; ports in a
 * port group that has a VIF on one of its ports stay usable individually. Ferrum has no Neutron, so the
 * VIF's physical networks are unknown and every port's physical network is acceptable.
 */
final class Vifs {
    static final String TENANT_VIF_KEY = "tenant_vif_port_id";

    private Vifs() {
    }

    /** A port or port group row and which of the two it is. */
    private record PortLike(Map<String, Object> row, boolean isPortgroup) {
        String uuid() {
            return (String) row.get("uuid");
        }

        String vif() {
            JsonNode v = info(row, "internal_info").get(TENANT_VIF_KEY);
            return v == null || v.isNull() ? null : v.asText();
        }

        String kind() {
            return isPortgroup ? "Portgroup" : "Port";
        }
    }

    private static boolean keepsNothing(Task task) {
        return "noop".equals(task.driver().network().name());
    }

    static List<Map<String, Object>> list(Task task) {
        List<Map<String, Object>> vifs = new ArrayList<>();
        if (keepsNothing(task)) {
            return vifs;
        }
        List<PortLike> all = new ArrayList<>(ports(task));
        all.addAll(portgroups(task));
        for (PortLike p : all) {
            if (p.vif() != null) {
                vifs.add(Map.of("id", p.vif()));
            }
        }
        return vifs;
    }

    /** @param vifInfo the client's VIF document: "id", optionally "port_uuid" or "portgroup_uuid" */
    static void attach(Task task, Map<String, Object> vifInfo) {
        if (keepsNothing(task)) {
            return;
        }
        String vif = (String) vifInfo.get("id");
        PortLike target = freePortLike(task, vif, vifInfo);
        ObjectNode info = info(target.row(), "internal_info");
        info.put(TENANT_VIF_KEY, vif);
        store(task, target).update(target.uuid(), Map.of("internal_info", info));
    }

    static void detach(Task task, String vif) {
        if (keepsNothing(task)) {
            return;
        }
        List<PortLike> all = new ArrayList<>(portgroups(task));
        all.addAll(ports(task));
        PortLike holder = all.stream().filter(p -> vif.equals(p.vif())).findFirst().orElseThrow(() -> FerrumException.invalid(
                "Unable to detach VIF %s from node %s because it is not attached to it.", vif, task.uuid()));
        ObjectNode info = info(holder.row(), "internal_info");
        info.remove(TENANT_VIF_KEY);
        ObjectNode extra = info(holder.row(), "extra");
        extra.remove("vif_port_id");
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("internal_info", info);
        changes.put("extra", extra);
        store(task, holder).update(holder.uuid(), changes);
    }

    private static PortLike freePortLike(Task task, String vif, Map<String, Object> vifInfo) {
        Object portUuid = vifInfo.get("port_uuid");
        Object portgroupUuid = portUuid == null ? vifInfo.get("portgroup_uuid") : null;
        List<PortLike> free = new ArrayList<>();
        Map<String, List<PortLike>> byPortgroup = new LinkedHashMap<>();
        Set<String> unusablePortgroups = new HashSet<>();
        for (PortLike p : ports(task)) {
            if ((portUuid != null && !portUuid.equals(p.uuid())) || !usable(p.row())) {
                continue;
            }
            if (attached(p, vif)) {
                unusablePortgroups.add((String) p.row().get("portgroup_uuid"));
                continue;
            }
            String pg = (String) p.row().get("portgroup_uuid");
            if (pg == null && portgroupUuid == null) {
                free.add(p);
            } else {
                byPortgroup.computeIfAbsent(pg, k -> new ArrayList<>()).add(p);
            }
        }
        if (portUuid == null) {
            for (PortLike pg : portgroups(task)) {
                if ((portgroupUuid != null && !portgroupUuid.equals(pg.uuid())) || attached(pg, vif)) {
                    continue;
                }
                List<PortLike> members = byPortgroup.getOrDefault(pg.uuid(), List.of());
                if (unusablePortgroups.contains(pg.uuid())) {
                    if (portgroupUuid == null) {
                        free.addAll(members);
                    }
                } else if (!members.isEmpty()) {
                    checkPhysnets(pg, members);
                    free.add(pg);
                }
            }
        }
        if (free.isEmpty()) {
            throw FerrumException.invalid("Unable to attach VIF %s, not enough free physical ports.", vif);
        }
        // Stable sort: port groups first, then PXE-enabled ports, each in creation order.
        free.sort(Comparator.comparing((PortLike p) -> !p.isPortgroup())
                .thenComparing(p -> !(p.isPortgroup() || Boolean.TRUE.equals(p.row().get("pxe_enabled")))));
        return free.getFirst();
    }

    /** True when some other VIF is attached; 409 when this very VIF already is. */
    private static boolean attached(PortLike p, String vif) {
        String current = p.vif();
        if (vif.equals(current)) {
            throw new FerrumException(ErrorCode.CONFLICT, "Unable to attach VIF because VIF " + vif
                    + " is already attached to Ironic " + p.kind() + " " + p.uuid());
        }
        return current != null;
    }

    /**
     * Ports Ironic would not bind: a Smart NIC port without its switch port_id and hostname, or a normal port
     * that names them (InfiniBand ports, with a client-id, are always usable).
     */
    private static boolean usable(Map<String, Object> port) {
        if (info(port, "extra").hasNonNull("client-id")) {
            return true;
        }
        JsonNode llc = info(port, "local_link_connection");
        boolean smartNicLink = llc.hasNonNull("port_id") && llc.hasNonNull("hostname");
        return Boolean.TRUE.equals(port.get("is_smartnic")) == smartNicLink;
    }

    private static void checkPhysnets(PortLike pg, List<PortLike> members) {
        Set<String> physnets = new HashSet<>();
        members.forEach(p -> physnets.add(Objects.toString(p.row().get("physical_network"), "None")));
        if (physnets.size() > 1) {
            throw FerrumException.invalid("Port group %s has member ports with inconsistent physical networks (%s). All ports in "
                    + "a port group must have the same physical network.", pg.uuid(), String.join(", ", physnets.stream().sorted().toList()));
        }
    }

    private static List<PortLike> ports(Task task) {
        return rows(task.stores().ports, task.uuid()).stream().map(r -> new PortLike(r, false)).toList();
    }

    private static List<PortLike> portgroups(Task task) {
        return rows(task.stores().portgroups, task.uuid()).stream().map(r -> new PortLike(r, true)).toList();
    }

    private static List<Map<String, Object>> rows(ObjectStore store, String nodeUuid) {
        return store.list(new ListQuery(List.of(new Condition.Eq("node_uuid", nodeUuid)), "id", false, 0, null));
    }

    private static ObjectStore store(Task task, PortLike p) {
        return p.isPortgroup() ? task.stores().portgroups : task.stores().ports;
    }

    /** A copy of a JSON object column, empty when unset. */
    private static ObjectNode info(Map<String, Object> row, String column) {
        return row.get(column) instanceof ObjectNode o ? o.deepCopy() : Json.object();
    }
}
