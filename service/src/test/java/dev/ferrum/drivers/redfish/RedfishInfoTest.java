package dev.ferrum.drivers.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RedfishInfoTest {
    private static RedfishInfo parse(String json) throws Exception {
        return RedfishInfo.parse(Json.MAPPER.readTree(json));
    }

    @Test
    void anAddressWithoutSchemeIsHttpsAndTheSystemIdIsAPath() throws Exception {
        RedfishInfo i = parse("{\"redfish_address\": \"10.0.0.5:8443/\", \"redfish_system_id\": \"/redfish/v1/Systems/abc/\","
                + "\"redfish_username\": \"root\", \"redfish_password\": \"s3cret\"}");
        assertThat(i.address().toString()).isEqualTo("https://10.0.0.5:8443");
        assertThat(i.systemId()).isEqualTo("/redfish/v1/Systems/abc");
        assertThat(i.verifyCa()).isTrue();
        assertThat(i.bmcKey()).doesNotContain("s3cret");
    }

    @Test
    void verifyCaIsABooleanOrAnExistingBundle() throws Exception {
        assertThat(parse("{\"redfish_address\": \"http://h\", \"redfish_verify_ca\": false}").verifyCa()).isFalse();
        assertThat(parse("{\"redfish_address\": \"http://h\", \"redfish_verify_ca\": \"False\"}").verifyCa()).isFalse();
        Path pem = Files.createTempFile("ca", ".pem");
        RedfishInfo i = parse("{\"redfish_address\": \"http://h\", \"redfish_verify_ca\": \"" + pem + "\"}");
        assertThat(i.verifyCa()).isTrue();
        assertThat(i.caBundle()).isEqualTo(pem);
        assertThatThrownBy(() -> parse("{\"redfish_address\": \"http://h\", \"redfish_verify_ca\": \"/no/such/ca.pem\"}"))
                .isInstanceOf(FerrumException.class).hasMessageContaining("redfish_verify_ca");
    }

    @Test
    void badInfoIsRejectedWithTheFieldNamed() {
        assertThatThrownBy(() -> parse("{}")).hasMessageContaining("redfish_address");
        assertThatThrownBy(() -> parse("{\"redfish_address\": \"ftp://h\"}")).hasMessageContaining("Invalid Redfish address");
        assertThatThrownBy(() -> parse("{\"redfish_address\": \"h\", \"redfish_system_id\": \"Systems/1\"}"))
                .hasMessageContaining("redfish_system_id").hasMessageNotContaining("null");
        assertThatThrownBy(() -> parse("{\"redfish_address\": \"h\", \"redfish_auth_type\": \"digest\"}"))
                .hasMessageContaining("redfish_auth_type");
    }
}
