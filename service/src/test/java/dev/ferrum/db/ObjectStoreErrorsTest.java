package dev.ferrum.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.testing.AllEngines;
import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestDatabases;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Constraint violations become Ironic's 409/400 answers, and a failed write leaves nothing behind. */
class ObjectStoreErrorsTest {

    private static void assertFails(ThrowingCallable write, ErrorCode code, String... named) {
        FerrumException e = catchThrowableOfType(FerrumException.class, write);
        assertThat(e).as("expected a FerrumException").isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).contains(named);
    }

    @AllEngines
    void duplicateNodeUuidNameAndInstanceAreConflictsNamingTheValue(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            ObjectStore nodes = t.stores().nodes;
            Map<String, Object> first = Rows.node("node-0");
            String instance = UUID.randomUUID().toString();
            first.put("instance_uuid", instance);
            Map<String, Object> row = nodes.insert(first);

            Map<String, Object> sameUuid = Rows.node("other-name");
            sameUuid.put("uuid", first.get("uuid"));
            assertFails(() -> nodes.insert(sameUuid), ErrorCode.CONFLICT, "A node with UUID " + first.get("uuid") + " already exists.");

            Map<String, Object> sameName = Rows.node("node-0");
            assertFails(() -> nodes.insert(sameName), ErrorCode.CONFLICT, "A node with name node-0 already exists.");

            Map<String, Object> sameInstance = Rows.node("node-1");
            sameInstance.put("instance_uuid", instance);
            assertFails(() -> nodes.insert(sameInstance), ErrorCode.CONFLICT, "Instance " + instance + " is already associated");

            assertThat(nodes.get("uuid", sameName.get("uuid"))).isEmpty();
            assertThat(nodes.get("uuid", sameInstance.get("uuid"))).isEmpty();
            assertThat(nodes.get("name", "other-name")).isEmpty();
            assertThat(nodes.list(new ListQuery(List.of(), "id", false, 0, null))).containsExactly(row);
        }
    }

    @AllEngines
    void duplicatePortAddressAndUuidAreConflicts(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            String node = (String) stores.nodes.insert(Rows.node(null)).get("uuid");
            Map<String, Object> port = Rows.port(node, "52:54:00:12:34:56");
            stores.ports.insert(port);

            Map<String, Object> sameAddress = Rows.port(node, "52:54:00:12:34:56");
            assertFails(() -> stores.ports.insert(sameAddress), ErrorCode.CONFLICT,
                    "A port with MAC address 52:54:00:12:34:56 already exists.");
            Map<String, Object> sameUuid = Rows.port(node, "52:54:00:12:34:57");
            sameUuid.put("uuid", port.get("uuid"));
            assertFails(() -> stores.ports.insert(sameUuid), ErrorCode.CONFLICT,
                    "A port with UUID " + port.get("uuid") + " already exists.");

            assertThat(stores.ports.get("uuid", sameAddress.get("uuid"))).isEmpty();
            assertThat(stores.ports.get("address", "52:54:00:12:34:57")).isEmpty();
            assertThat(Rows.count(t.database(), "ports")).isEqualTo(1);
        }
    }

    @AllEngines
    void referencesToMissingObjectsAreInvalidAndWriteNothing(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            String missingNode = UUID.randomUUID().toString();
            Map<String, Object> orphan = Rows.port(missingNode, "52:54:00:00:00:99");
            assertFails(() -> stores.ports.insert(orphan), ErrorCode.INVALID, "Node " + missingNode + " could not be found.");

            String node = (String) stores.nodes.insert(Rows.node(null)).get("uuid");
            String missingGroup = UUID.randomUUID().toString();
            Map<String, Object> inGroup = Rows.port(node, "52:54:00:00:00:98");
            inGroup.put("portgroup_uuid", missingGroup);
            assertFails(() -> stores.ports.insert(inGroup), ErrorCode.INVALID, "Portgroup " + missingGroup + " could not be found.");

            String missingChassis = UUID.randomUUID().toString();
            Map<String, Object> inChassis = Rows.node(null);
            inChassis.put("chassis_uuid", missingChassis);
            assertFails(() -> stores.nodes.insert(inChassis), ErrorCode.INVALID, "Chassis " + missingChassis + " could not be found.");

            assertThat(Rows.count(t.database(), "ports")).isZero();
            assertThat(Rows.count(t.database(), "nodes")).isEqualTo(1);
        }
    }

    @AllEngines
    void aFailedUpdateChangesNoField(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            ObjectStore nodes = t.stores().nodes;
            nodes.insert(Rows.node("taken"));
            Map<String, Object> row = nodes.insert(Rows.node("mine"));

            Map<String, Object> changes = new HashMap<>();
            changes.put("maintenance", true);
            changes.put("description", "changed");
            changes.put("name", "taken");
            assertFails(() -> nodes.update((String) row.get("uuid"), changes), ErrorCode.CONFLICT,
                    "A node with name taken already exists.");

            assertThat(nodes.get("uuid", row.get("uuid"))).contains(row);
        }
    }

    @AllEngines
    void aValueTooLongForItsColumnIsRefusedNotTruncated(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            ObjectStore nodes = t.stores().nodes;
            Map<String, Object> node = Rows.node("x".repeat(256));

            assertThat(catchThrowableOfType(RuntimeException.class, () -> nodes.insert(node))).isNotNull();

            assertThat(nodes.get("uuid", node.get("uuid"))).isEmpty();
            assertThat(Rows.count(t.database(), "nodes")).isZero();
        }
    }
}
