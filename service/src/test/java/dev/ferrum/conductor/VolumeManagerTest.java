package dev.ferrum.conductor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ferrum.common.ErrorCode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.States;
import dev.ferrum.common.config.Config;
import dev.ferrum.db.Stores;
import dev.ferrum.drivers.DriverFactory;
import dev.ferrum.testing.AllEngines;
import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestDatabases;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The volume RPCs' rules on every engine: the node must exist, and be powered off to change or remove. */
class VolumeManagerTest {

    private static String node(Stores stores, String power) {
        Map<String, Object> m = new HashMap<>();
        m.put("uuid", UUID.randomUUID().toString());
        m.put("driver", "fake-hardware");
        m.put("maintenance", false);
        m.put("console_enabled", false);
        m.put("conductor_group", "");
        m.put("protected", false);
        m.put("retired", false);
        m.put("provision_state", States.ENROLL);
        m.put("power_state", power);
        return (String) stores.nodes.insert(m).get("uuid");
    }

    private static Map<String, Object> connector(String node, String id) {
        Map<String, Object> m = new HashMap<>();
        m.put("uuid", UUID.randomUUID().toString());
        m.put("node_uuid", node);
        m.put("type", "iqn");
        m.put("connector_id", id);
        m.put("extra", JsonNodeFactory.instance.objectNode());
        return m;
    }

    private static Map<String, Object> target(String node, int bootIndex) {
        Map<String, Object> m = new HashMap<>();
        m.put("uuid", UUID.randomUUID().toString());
        m.put("node_uuid", node);
        m.put("volume_type", "iscsi");
        m.put("properties", JsonNodeFactory.instance.objectNode());
        m.put("boot_index", bootIndex);
        m.put("volume_id", "vol-" + bootIndex);
        m.put("extra", JsonNodeFactory.instance.objectNode());
        return m;
    }

    private static FerrumException failure(Runnable call) {
        FerrumException e = catchThrowableOfType(FerrumException.class, call::run);
        assertThat(e).as("expected a FerrumException").isNotNull();
        return e;
    }

    @AllEngines
    void changesAndRemovalsNeedThePoweredOffNodeTheObjectEndsUpOn(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            DriverFactory drivers = new DriverFactory(Config.load(List.of(), Map.of()));
            VolumeManager volumes = new VolumeManager(stores, new TaskManager(stores, drivers, new Workers(3), "test-host",
                    java.time.Duration.ZERO));
            String on = node(stores, States.POWER_ON);
            String off = node(stores, States.POWER_OFF);
            String unknown = node(stores, null);
            Map<String, Object> c = volumes.createVolumeConnector(connector(on, "iqn.m:1"));
            Map<String, Object> tg = volumes.createVolumeTarget(target(unknown, 0));
            String cu = (String) c.get("uuid");
            String tu = (String) tg.get("uuid");

            FerrumException e = failure(() -> volumes.updateVolumeConnector(cu, Map.of("connector_id", "iqn.m:2")));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID);
            assertThat(e.getMessage()).contains("\"volume connector update\"").contains(on).contains("\"power on\"");
            assertThat(failure(() -> volumes.destroyVolumeConnector(cu)).getMessage()).contains("\"volume connector deletion\"");
            assertThat(failure(() -> volumes.updateVolumeTarget(tu, Map.of())).getMessage()).contains("\"None\"");
            assertThat(failure(() -> volumes.destroyVolumeTarget(tu)).getMessage()).contains("\"volume target deletion\"");
            // moving from a powered-on node to a powered-off one is allowed, as in Ironic; back again is not
            Map<String, Object> moved = volumes.updateVolumeConnector(cu, Map.of("node_uuid", off));
            assertThat(moved.get("node_uuid")).isEqualTo(off);
            assertThat(failure(() -> volumes.updateVolumeConnector(cu, Map.of("node_uuid", on))).getMessage()).contains(on);
            assertThat(stores.volumeConnectors.get("uuid", cu).orElseThrow()).isEqualTo(moved);
            assertThat(stores.volumeTargets.get("uuid", tu).orElseThrow()).isEqualTo(tg);

            volumes.destroyVolumeConnector(cu);
            assertThat(stores.volumeConnectors.get("uuid", cu)).isEmpty();
            FerrumException gone = failure(() -> volumes.destroyVolumeConnector(cu));
            assertThat(gone.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(gone.getMessage()).isEqualTo("Volume connector " + cu + " could not be found.");

            String missing = UUID.randomUUID().toString();
            FerrumException noNode = failure(() -> volumes.createVolumeTarget(target(missing, 0)));
            assertThat(noNode.code()).isEqualTo(ErrorCode.INVALID);
            assertThat(noNode.getMessage()).isEqualTo("Node " + missing + " could not be found.");
        }
    }

    @AllEngines
    void destroyingANodeDestroysItsVolumeObjectsInTheSameTransaction(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            DriverFactory drivers = new DriverFactory(Config.load(List.of(), Map.of()));
            ConductorManager manager = new ConductorManager(stores, drivers, new TaskManager(stores, drivers, new Workers(3),
                    "test-host", java.time.Duration.ZERO), new ConductorManager.Settings(true, true), new Allocations(stores));
            String node = node(stores, States.POWER_ON);
            String other = node(stores, States.POWER_OFF);
            manager.volumes().createVolumeConnector(connector(node, "iqn.d:1"));
            manager.volumes().createVolumeTarget(target(node, 0));
            String kept = (String) manager.volumes().createVolumeConnector(connector(other, "iqn.d:2")).get("uuid");

            manager.destroyNode(node);

            assertThat(stores.nodes.get("uuid", node)).isEmpty();
            assertThat(stores.volumeTargets.exists(List.of())).isFalse();
            assertThat(stores.volumeConnectors.get("uuid", kept)).isPresent();
            assertThat(stores.volumeConnectors.get("connector_id", "iqn.d:1")).isEmpty();
        }
    }
}
