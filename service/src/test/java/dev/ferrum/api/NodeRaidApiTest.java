package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PUT /v1/nodes/{node}/states/raid and GET /v1/drivers/{driver}/raid/logical_disk_properties. */
class NodeRaidApiTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
        server.node("{\"driver\":\"fake-hardware\",\"name\":\"r1\"}");
        server.node("{\"driver\":\"fake-hardware\",\"name\":\"noraid\",\"raid_interface\":\"no-raid\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Reply raid(String node, String body, String version) {
        return server.call("PUT", "/v1/nodes/" + node + "/states/raid", version, body, Map.of());
    }

    @Test
    void setsAndClearsTheTargetRaidConfig() {
        String config = "{\"logical_disks\":[{\"size_gb\":100,\"raid_level\":\"1\",\"is_root_volume\":true},"
                + "{\"size_gb\":\"MAX\",\"raid_level\":\"5\",\"controller\":\"c0\",\"physical_disks\":[\"d1\",\"d2\",\"d3\"]}]}";
        TestServer.Reply r = raid("r1", config, "latest");
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.text()).isEmpty();
        JsonNode states = server.get("/v1/nodes/r1/states").json();
        assertThat(states.get("target_raid_config").toString()).isEqualTo(config);
        assertThat(server.get("/v1/nodes/r1").json().get("target_raid_config").get("logical_disks")).hasSize(2);
        // An empty object (or no body) clears it without validation, even where RAID is unsupported.
        assertThat(raid("r1", "", "latest").status()).isEqualTo(204);
        assertThat(server.get("/v1/nodes/r1/states").json().get("target_raid_config").toString()).isEqualTo("{}");
        assertThat(raid("noraid", "{}", "latest").status()).isEqualTo(204);
    }

    @Test
    void needsOnePointTwelve() {
        TestServer.Reply r = raid("r1", "{\"logical_disks\":[{\"size_gb\":1,\"raid_level\":\"1\"}]}", "1.11");
        assertThat(r.status()).isEqualTo(406);
        assertThat(server.get("/v1/drivers/fake-hardware/raid/logical_disk_properties", "1.11").status()).isEqualTo(406);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"logical_disks\":[{\"size_gb\":10,\"raid_level\":\"7\"}]}|'7' is not one of ['JBOD', '0', '1', '2', '5', '6', '1+0', '5+0', '6+0']",
        "{\"logical_disks\":[]}|[] is too short",
        "{\"foo\":1}|'logical_disks' is a required property",
        "{\"logical_disks\":[{\"size_gb\":10}]}|'raid_level' is a required property",
        "{\"logical_disks\":[{\"size_gb\":-1,\"raid_level\":\"1\"}]}|-1 is less than the minimum of 0",
        "{\"logical_disks\":[{\"size_gb\":1,\"raid_level\":\"1\",\"physical_disks\":[\"a\"]}]}|'controller' is a dependency of 'physical_disks'",
        "{\"logical_disks\":[{\"size_gb\":1,\"raid_level\":\"1\",\"x\":1}]}|Additional properties are not allowed ('x' was unexpected)",
        "{\"logical_disks\":[{\"size_gb\":1,\"raid_level\":\"1\",\"number_of_physical_disks\":0}]}|0 is less than or equal to the minimum of 0",
        "{\"logical_disks\":[{\"size_gb\":\"x\",\"raid_level\":\"1\"}]}|'x' is not one of ['MAX']",
        "{\"logical_disks\":[{\"size_gb\":true,\"raid_level\":\"1\"}]}|True is not valid under any of the given schemas",
        "{\"logical_disks\":[{\"size_gb\":1,\"raid_level\":5}]}|5 is not of type 'string'",
        "{\"logical_disks\":{}}|{} is not of type 'array'",
    })
    void schemaErrorsAreWordedAsIronics(String body, String message) {
        TestServer.Reply r = raid("r1", body, "latest");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.fault()).isEqualTo("RAID config validation error: " + message);
    }

    @Test
    void otherBadInput() {
        assertThat(raid("r1", "{\"logical_disks\":[{\"size_gb\":1,\"raid_level\":\"1\",\"is_root_volume\":true},"
                + "{\"size_gb\":2,\"raid_level\":\"0\",\"is_root_volume\":true}]}", "latest").fault())
                .isEqualTo("Raid config cannot have more than one root volume. 2 root volumes were specified");
        assertThat(raid("r1", "[1]", "latest").status()).isEqualTo(400);
        assertThat(raid("r1", "null", "latest").status()).isEqualTo(400);
        assertThat(raid("r1", "{\"logical_disks\":", "latest").status()).isEqualTo(400);
        assertThat(server.call("PUT", "/v1/nodes/r1/states/raid?x=1", "latest", "{}", Map.of()).fault()).isEqualTo("Unexpected arguments: x");
        assertThat(raid("nope", "{}", "latest").status()).isEqualTo(404);
        assertThat(server.get("/v1/nodes/r1/states").json().get("target_raid_config").toString()).isEqualTo("{}");
    }

    @Test
    void unsupportedRaidIsNotFound() {
        TestServer.Reply r = raid("noraid", "{\"logical_disks\":[{\"size_gb\":1,\"raid_level\":\"1\"}]}", "latest");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.fault()).isEqualTo("Driver fake-hardware does not support raid (disabled or not implemented).");
    }

    @Test
    void logicalDiskPropertiesOfAnyServedDriver() {
        JsonNode props = server.get("/v1/drivers/fake-hardware/raid/logical_disk_properties").json();
        assertThat(props.properties()).extracting(Map.Entry::getKey).containsExactly("raid_level", "size_gb", "volume_name",
                "is_root_volume", "share_physical_disks", "disk_type", "interface_type", "number_of_physical_disks",
                "controller", "physical_disks");
        assertThat(props.get("raid_level").asText()).endsWith("Required.");
        assertThat(props.get("controller").asText()).endsWith("Optional.");
        assertThat(server.get("/v1/drivers/manual-management/raid/logical_disk_properties").status()).isEqualTo(200);
        TestServer.Reply unknown = server.get("/v1/drivers/nope/raid/logical_disk_properties");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.fault()).isEqualTo("The driver 'nope' is unknown.");
    }
}
