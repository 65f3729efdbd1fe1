package dev.ferrum.conductor;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.States;
import java.util.List;
import java.util.Map;

/**
 * What a node update may change in the node's current state (Ironic's update_node rules): protection only
 * for deployed nodes, retirement not for available ones, reasons only with their flag, and driver or
 * interfaces only while the node is not provisioned (or in maintenance). Leaving maintenance clears its
 * reason and fault.
 */
final class NodeUpdateRules {
    private static final List<String> INTERFACE_UPDATE_STATES = List.of(States.ENROLL, States.INSPECTING,
            States.INSPECT_WAIT, States.MANAGEABLE, States.AVAILABLE);

    private NodeUpdateRules() {
    }

    /** Checks {@code changes} against {@code node} and adds the fields Ironic clears along with them. */
    static void apply(Map<String, Object> node, Map<String, Object> changes) {
        String uuid = (String) node.get("uuid");
        String state = (String) node.get("provision_state");
        if (Boolean.FALSE.equals(changes.get("maintenance"))) {
            changes.put("maintenance_reason", null);
            changes.put("fault", null);
        }
        boolean isProtected = flag(node, changes, "protected");
        if (changes.containsKey("protected")) {
            if (!isProtected) {
                changes.put("protected_reason", null);
            } else if (!States.ACTIVE.equals(state) && !States.RESCUE.equals(state)) {
                throw new FerrumException(ErrorCode.CONFLICT, "Node " + uuid + " can only be made protected in provision "
                        + "states 'active' or 'rescue', the current state is '" + state + "'");
            }
        }
        if (changes.get("protected_reason") != null && !isProtected) {
            throw FerrumException.invalid("The protected_reason field can only be set when protected is True");
        }
        boolean retired = flag(node, changes, "retired");
        if (changes.containsKey("retired")) {
            if (!retired) {
                changes.put("retired_reason", null);
            } else if (States.AVAILABLE.equals(state)) {
                throw new FerrumException(ErrorCode.CONFLICT, "Node " + uuid + " can not have 'retired' set in provision "
                        + "state 'available', the current state is '" + state + "'");
            }
        }
        if (changes.get("retired_reason") != null && !retired) {
            throw FerrumException.invalid("The retired_reason field can only be set when retired is True");
        }
        boolean maintenance = flag(node, changes, "maintenance");
        if (!maintenance && !INTERFACE_UPDATE_STATES.contains(state)) {
            for (String field : changes.keySet()) {
                if (field.equals("driver") || field.endsWith("_interface")) {
                    throw new FerrumException(ErrorCode.CONFLICT, "Node " + uuid + " can not have " + field + " updated unless "
                            + "it is in one of allowed (" + String.join(", ", INTERFACE_UPDATE_STATES) + ") states or in "
                            + "maintenance mode.");
                }
            }
        }
    }

    private static boolean flag(Map<String, Object> node, Map<String, Object> changes, String field) {
        Object v = changes.containsKey(field) ? changes.get(field) : node.get(field);
        return Boolean.TRUE.equals(v);
    }
}
