package dev.ferrum.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.objects.Field;
import dev.ferrum.common.objects.ObjectSpec;
import dev.ferrum.common.objects.Objects;
import dev.ferrum.testing.AllEngines;
import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestDatabases;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The volume tables' constraints (V4) on every engine: Ironic's 409/400 answers, and nothing half-written. */
class VolumeStoreTest {

    static Map<String, Object> connector(String node, String type, String id) {
        Map<String, Object> m = new HashMap<>();
        m.put("uuid", UUID.randomUUID().toString());
        m.put("node_uuid", node);
        m.put("type", type);
        m.put("connector_id", id);
        m.put("extra", JsonNodeFactory.instance.objectNode());
        return m;
    }

    static Map<String, Object> target(String node, int bootIndex) {
        Map<String, Object> m = new HashMap<>();
        m.put("uuid", UUID.randomUUID().toString());
        m.put("node_uuid", node);
        m.put("volume_type", "iscsi");
        m.put("properties", JsonNodeFactory.instance.objectNode().put("target_lun", 0));
        m.put("boot_index", bootIndex);
        m.put("volume_id", "vol-" + bootIndex);
        m.put("extra", JsonNodeFactory.instance.objectNode());
        return m;
    }

    private static void assertFails(ThrowingCallable write, ErrorCode code, String message) {
        FerrumException e = catchThrowableOfType(FerrumException.class, write);
        assertThat(e).as("expected a FerrumException").isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @AllEngines
    void everyStoredFieldIsAColumn(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            for (ObjectSpec spec : List.of(Objects.VOLUME_CONNECTOR, Objects.VOLUME_TARGET)) {
                String cols = spec.storedFields().stream().map(Field::name).collect(Collectors.joining(", "));
                List<?> rows = t.database().jdbi().withHandle(h ->
                        h.createQuery("SELECT id, " + cols + " FROM " + spec.table() + " WHERE 1 = 0").mapToMap().list());
                assertThat(rows).as(spec.table()).isEmpty();
            }
        }
    }

    @AllEngines
    void connectorTypeAndIdAreUniqueTogetherAndNeedTheirNode(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            String node = (String) stores.nodes.insert(Rows.node(null)).get("uuid");
            Map<String, Object> first = stores.volumeConnectors.insert(connector(node, "iqn", "iqn.x:1"));
            assertThat(first.get("extra")).isEqualTo(JsonNodeFactory.instance.objectNode());

            Map<String, Object> dup = connector(node, "iqn", "iqn.x:1");
            assertFails(() -> stores.volumeConnectors.insert(dup), ErrorCode.CONFLICT,
                    "A volume connector with type iqn and connector ID iqn.x:1 already exists.");
            Map<String, Object> sameUuid = connector(node, "ip", "10.0.0.1");
            sameUuid.put("uuid", first.get("uuid"));
            assertFails(() -> stores.volumeConnectors.insert(sameUuid), ErrorCode.CONFLICT,
                    "A volume connector with UUID " + first.get("uuid") + " already exists.");
            String missing = UUID.randomUUID().toString();
            Map<String, Object> orphan = connector(missing, "mac", "52:54:00:00:00:01");
            assertFails(() -> stores.volumeConnectors.insert(orphan), ErrorCode.INVALID, "Node " + missing + " could not be found.");
            stores.volumeConnectors.insert(connector(node, "ip", "iqn.x:1"));

            assertThat(stores.volumeConnectors.get("uuid", dup.get("uuid"))).isEmpty();
            assertThat(stores.volumeConnectors.get("uuid", orphan.get("uuid"))).isEmpty();
            assertThat(Rows.count(t.database(), "volume_connectors")).isEqualTo(2);
        }
    }

    @AllEngines
    void bootIndexIsUniquePerNodeAndAFailedUpdateChangesNothing(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            String a = (String) stores.nodes.insert(Rows.node("a")).get("uuid");
            String b = (String) stores.nodes.insert(Rows.node("b")).get("uuid");
            stores.volumeTargets.insert(target(a, 0));
            stores.volumeTargets.insert(target(b, 0));
            Map<String, Object> second = stores.volumeTargets.insert(target(a, 1));
            assertThat(second.get("boot_index")).isEqualTo(1);
            assertThat(second.get("properties")).isEqualTo(JsonNodeFactory.instance.objectNode().put("target_lun", 0));

            Map<String, Object> dup = target(a, 1);
            assertFails(() -> stores.volumeTargets.insert(dup), ErrorCode.CONFLICT,
                    "A volume target with boot index '1' for the same node already exists.");
            Map<String, Object> changes = new HashMap<>();
            changes.put("boot_index", 0);
            changes.put("volume_id", "changed");
            assertFails(() -> stores.volumeTargets.update((String) second.get("uuid"), changes), ErrorCode.CONFLICT,
                    "A volume target with boot index '0' for the same node already exists.");

            assertThat(stores.volumeTargets.get("uuid", second.get("uuid"))).contains(second);
            assertThat(Rows.count(t.database(), "volume_targets")).isEqualTo(3);
        }
    }

    @AllEngines
    void aValueTooLongForItsColumnIsRefusedNotTruncated(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            String node = (String) stores.nodes.insert(Rows.node(null)).get("uuid");
            Map<String, Object> c = connector(node, "t".repeat(33), "x");
            Map<String, Object> target = target(node, 0);
            target.put("volume_id", "v".repeat(37));

            assertThat(catchThrowableOfType(RuntimeException.class, () -> stores.volumeConnectors.insert(c))).isNotNull();
            assertThat(catchThrowableOfType(RuntimeException.class, () -> stores.volumeTargets.insert(target))).isNotNull();

            assertThat(Rows.count(t.database(), "volume_connectors")).isZero();
            assertThat(Rows.count(t.database(), "volume_targets")).isZero();
        }
    }
}
