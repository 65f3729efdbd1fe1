package dev.ferrum.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionNegotiationTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rootDocumentAdvertisesTheVersionRange() {
        TestServer.Reply r = server.get("/", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode v = r.json().get("default_version");
        assertThat(v.get("id").asText()).isEqualTo("v1");
        assertThat(v.get("min_version").asText()).isEqualTo("1.1");
        assertThat(v.get("version").asText()).isEqualTo("1.82");
        assertThat(v.get("links").get(0).get("href").asText()).isEqualTo(server.base() + "/v1/");
        assertThat(r.json().get("versions")).hasSize(1);
        assertThat(server.get("/v1", null).header("X-OpenStack-Ironic-API-Minimum-Version")).isEqualTo("1.1");
        assertThat(server.get("/v1", null).header("X-OpenStack-Ironic-API-Maximum-Version")).isEqualTo("1.82");
    }

    @Test
    void routingErrorsUseTheFrameworkDocument() {
        for (String[] c : new String[][] {{"GET", "/v1/bogus", "404"}, {"PUT", "/v1/nodes", "405"}, {"GET", "/v1/shards", "404"}}) {
            TestServer.Reply r = server.call(c[0], c[1], c[1].equals("/v1/shards") ? "1.81" : "latest", null, Map.of());
            assertThat(r.status()).isEqualTo(Integer.parseInt(c[2]));
            JsonNode doc = dev.ferrum.common.Json.parseStored(r.json().get("error_message").asText());
            assertThat(doc.get("code").asInt()).isEqualTo(r.status());
            assertThat(doc.has("title")).isTrue();
        }
    }

    @Test
    void v1DocumentListsResourcesOfTheRequestedVersion() {
        JsonNode old = server.get("/v1/", null).json();
        assertThat(old.has("nodes")).isTrue();
        assertThat(old.has("portgroups")).isFalse();
        assertThat(old.has("conductors")).isFalse();
        assertThat(old.get("media_types").get("type").asText()).isEqualTo("application/vnd.openstack.ironic.v1+json");
        JsonNode latest = server.get("/v1", "latest").json();
        assertThat(latest.has("portgroups")).isTrue();
        assertThat(latest.has("conductors")).isTrue();
        assertThat(latest.get("nodes").get(0).get("href").asText()).isEqualTo(server.base() + "/v1/nodes/");
    }

    @Test
    void noHeaderMeansOnePointOne() {
        TestServer.Reply r = server.get("/v1/nodes", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-OpenStack-Ironic-API-Version")).isEqualTo("1.1");
    }

    @Test
    void latestMeansTheMaximum() {
        assertThat(server.get("/v1/nodes", "latest").header("X-OpenStack-Ironic-API-Version")).isEqualTo("1.82");
    }

    @Test
    void standardHeaderIsHonoured() {
        TestServer.Reply r = server.call("GET", "/v1/nodes", null, null, Map.of("OpenStack-API-Version", "baremetal 1.50"));
        assertThat(r.header("X-OpenStack-Ironic-API-Version")).isEqualTo("1.50");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.99", "1.0", "2.1"})
    void unsupportedVersionsAre406WithTheSupportedRange(String version) {
        TestServer.Reply r = server.get("/v1/nodes", version);
        assertThat(r.status()).isEqualTo(406);
        assertThat(r.header("X-OpenStack-Ironic-API-Maximum-Version")).isEqualTo("1.82");
        // Ironic's version middleware answers with {code, title, description} inside error_message.
        JsonNode doc = dev.ferrum.common.Json.parseStored(r.json().get("error_message").asText());
        assertThat(doc.get("code").asInt()).isEqualTo(406);
        assertThat(doc.get("description").asText()).contains(version).contains("[1.1, 1.82]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1", "1.2.3", "1.x"})
    void malformedVersionsAre406(String version) {
        TestServer.Reply r = server.get("/v1/nodes", version);
        assertThat(r.status()).isEqualTo(406);
        assertThat(r.fault()).contains("X-OpenStack-Ironic-API-Version");
    }

    @Test
    void endpointsAppearWithTheirVersion() {
        assertThat(server.get("/v1/conductors", "1.48").status()).isEqualTo(404);
        assertThat(server.get("/v1/conductors", "1.49").status()).isEqualTo(200);
        assertThat(server.get("/v1/portgroups", "1.22").status()).isEqualTo(404);
        assertThat(server.get("/v1/portgroups", "1.23").status()).isEqualTo(200);
    }

    @Test
    void fieldsAppearWithTheirVersion() {
        String uuid = server.node("{\"driver\":\"fake-hardware\",\"name\":\"versioned\"}").get("uuid").asText();
        JsonNode v1 = server.get("/v1/nodes/" + uuid, "1.1").json();
        assertThat(v1.has("name")).isFalse();
        assertThat(v1.has("driver_internal_info")).isFalse();
        assertThat(v1.has("portgroups")).isFalse();
        assertThat(v1.has("states")).isFalse();
        assertThat(server.get("/v1/nodes/" + uuid, "1.14").json().has("states")).isTrue();
        JsonNode v5 = server.get("/v1/nodes/" + uuid, "1.5").json();
        assertThat(v5.get("name").asText()).isEqualTo("versioned");
        assertThat(v5.has("resource_class")).isFalse();
        JsonNode v81 = server.get("/v1/nodes/" + uuid, "1.81").json();
        assertThat(v81.has("boot_mode")).isTrue();
        assertThat(v81.has("shard")).isFalse();
        assertThat(server.get("/v1/nodes/" + uuid, "1.82").json().has("shard")).isTrue();
        // Names only resolve from 1.5; before that there is no node by that name.
        assertThat(server.get("/v1/nodes/versioned", "1.4").status()).isEqualTo(404);
        assertThat(server.get("/v1/nodes/" + uuid + "?fields=shard", "1.81").status()).isEqualTo(406);
        assertThat(server.get("/v1/nodes?detail=true", "1.42").status()).isEqualTo(400);
        assertThat(server.get("/v1/nodes/versioned", "1.5").status()).isEqualTo(200);
    }

    @Test
    void newerAttributesInARequestAre406() {
        TestServer.Reply r = server.call("POST", "/v1/nodes", "1.20",
                "{\"driver\":\"fake-hardware\",\"resource_class\":\"gold\"}", Map.of());
        assertThat(r.status()).isEqualTo(406);
        assertThat(server.get("/v1/nodes?resource_class=gold", "1.20").status()).isEqualTo(406);
    }
}
