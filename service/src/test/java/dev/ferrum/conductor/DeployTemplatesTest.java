package dev.ferrum.conductor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrum.api.TestServer;
import dev.ferrum.cmd.Wiring;
import dev.ferrum.common.Json;
import dev.ferrum.common.config.Config;
import dev.ferrum.db.Database;
import dev.ferrum.db.Stores;
import dev.ferrum.testing.AllEngines;
import dev.ferrum.testing.Engine;
import dev.ferrum.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeployTemplatesTest {

    private static void template(Stores stores, String name, String stepsJson) {
        Map<String, Object> row = new HashMap<>();
        row.put("uuid", UUID.randomUUID().toString());
        row.put("name", name);
        row.put("extra", Json.object());
        row.put("steps", Json.parseStored(stepsJson));
        stores.deployTemplates.insert(row);
    }

    private static Map<String, Object> step(String iface, String step, Map<String, Object> args, int priority) {
        return Map.of("interface", iface, "step", step, "args", args, "priority", priority);
    }

    @AllEngines
    @SuppressWarnings("unchecked")
    void stepsComeFromEveryTemplateNamedAfterATraitInCreationOrder(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            template(stores, "CUSTOM_RAID", "[{\"interface\":\"raid\",\"step\":\"apply_configuration\",\"args\":"
                    + "{\"raid_config\":{\"logical_disks\":[{\"size_gb\":100,\"raid_level\":\"1\"}]}},\"priority\":90},"
                    + "{\"interface\":\"raid\",\"step\":\"delete_configuration\",\"args\":{},\"priority\":95}]");
            template(stores, "CUSTOM_UNRELATED", "[{\"interface\":\"power\",\"step\":\"reboot\",\"args\":{},\"priority\":1}]");
            template(stores, "HW_CPU_X86_VMX", "[{\"interface\":\"bios\",\"step\":\"apply_configuration\",\"args\":"
                    + "{\"settings\":[{\"name\":\"ProcVirtualization\",\"value\":\"Enabled\"}]},\"priority\":110}]");
            DeployTemplates templates = new DeployTemplates(stores);

            List<Map<String, Object>> steps = templates.stepsForTraits(List.of("HW_CPU_X86_VMX", "CUSTOM_NO_TEMPLATE", "CUSTOM_RAID"));

            assertThat(steps).containsExactly(
                    step("raid", "apply_configuration", Map.of("raid_config", Map.of("logical_disks",
                            List.of(Map.of("size_gb", 100, "raid_level", "1")))), 90),
                    step("raid", "delete_configuration", Map.of(), 95),
                    step("bios", "apply_configuration", Map.of("settings",
                            List.of(Map.of("name", "ProcVirtualization", "value", "Enabled"))), 110));
            assertThat(steps.getFirst().get("priority")).isInstanceOf(Integer.class);
            steps.getFirst().put("extra_key", 1); // fresh, mutable maps for the caller
            ((Map<String, Object>) steps.get(1).get("args")).put("x", 1);
            assertThat(templates.stepsForTraits(List.of("CUSTOM_RAID")).get(1).get("args")).isEqualTo(Map.of());
        }
    }

    @AllEngines
    void noMatchingTraitMeansNoSteps(Engine engine) {
        try (TestDatabases t = TestDatabases.fresh(engine)) {
            Stores stores = t.stores();
            template(stores, "CUSTOM_RAID", "[{\"interface\":\"raid\",\"step\":\"delete_configuration\",\"args\":{},\"priority\":95}]");
            DeployTemplates templates = new DeployTemplates(stores);

            assertThat(templates.stepsForTraits(List.of())).isEmpty();
            assertThat(templates.stepsForTraits(List.of("CUSTOM_OTHER"))).isEmpty();
            assertThat(templates.stepsForTraits(Arrays.asList("custom_raid", null))).as("names match exactly, on every engine").isEmpty();
            assertThat(templates.stepsForTraits(List.of("CUSTOM_RAID", "CUSTOM_RAID"))).as("a trait twice, its steps once").hasSize(1);
        }
    }

    /** The API stores what the conductor reads: real step args (shown masked), priorities as integers. */
    @Test
    void templatesWrittenThroughTheApiKeepTheirSecretsAcrossPatches() throws IOException {
        Path state = Files.createTempDirectory("ferrum-templates");
        Map<String, String> conf = Map.of("DEFAULT.state_path", state.toString());
        try (TestServer server = new TestServer(conf)) {
            TestServer.Reply r = server.post("/v1/deploy_templates", "{\"name\":\"CUSTOM_BIOS\",\"steps\":[{\"interface\":\"bios\","
                    + "\"step\":\"apply_configuration\",\"args\":{\"admin_password\":\"s3cret\",\"settings\":[]},\"priority\":\"20\"}]}");
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.text()).doesNotContain("s3cret");
            assertThat(server.patch("/v1/deploy_templates/CUSTOM_BIOS", "[{\"op\":\"add\",\"path\":\"/steps/0/args/mode\",\"value\":\"uefi\"},"
                    + "{\"op\":\"add\",\"path\":\"/extra/owner\",\"value\":\"ops\"}]").status()).isEqualTo(200);
        }
        try (Database db = Wiring.openDatabase(Config.load(List.of(), conf))) {
            assertThat(new DeployTemplates(new Stores(db)).stepsForTraits(List.of("CUSTOM_BIOS", "CUSTOM_OTHER"))).containsExactly(
                    step("bios", "apply_configuration", Map.of("admin_password", "s3cret", "settings", List.of(), "mode", "uefi"), 20));
        }
    }
}
