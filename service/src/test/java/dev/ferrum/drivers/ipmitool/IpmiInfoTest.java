package dev.ferrum.drivers.ipmitool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrum.common.FerrumException;
import dev.ferrum.common.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IpmiInfoTest {
    private static JsonNode info(String json) {
        return Json.parseStored(json);
    }

    @Test
    void defaultsAreIronics() {
        IpmiInfo i = IpmiInfo.parse(info("{\"ipmi_address\": \" 10.0.0.5 \"}"));
        assertThat(i.address()).isEqualTo("10.0.0.5");
        assertThat(i.privLevel()).isEqualTo("ADMINISTRATOR");
        assertThat(i.protocolVersion()).isEqualTo("2.0");
        assertThat(i.bridging()).isEqualTo("no");
        assertThat(i.port()).isNull();
        assertThat(i.forceBootDevice()).isFalse();
        assertThat(i.disableBootTimeout()).isNull();
        assertThat(i.bmcKey()).isEqualTo("10.0.0.5:623");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|Missing the following IPMI credentials in node's driver_info: ipmi_address",
            "{\"ipmi_address\": \"a b\"}|Invalid ipmi_address 'a b'",
            "{\"ipmi_address\": \"-oProxyCommand\"}|Invalid ipmi_address",
            "{\"ipmi_address\": \"h\", \"ipmi_port\": \"x\"}|ipmi_port \"x\" is not a valid integer",
            "{\"ipmi_address\": \"h\", \"ipmi_port\": 70000}|ipmi_port \"70000\" is out of range",
            "{\"ipmi_address\": \"h\", \"ipmi_priv_level\": \"ROOT\"}|Invalid privilege level value: ROOT, the valid value can be one of ADMINISTRATOR, CALLBACK, OPERATOR, USER",
            "{\"ipmi_address\": \"h\", \"ipmi_protocol_version\": \"3\"}|Invalid IPMI protocol version value 3",
            "{\"ipmi_address\": \"h\", \"ipmi_protocol_version\": \"1.5\", \"ipmi_cipher_suite\": 3}|cipher suites exist only with IPMI protocol version 2.0",
            "{\"ipmi_address\": \"h\", \"ipmi_cipher_suite\": \"three\"}|ipmi_cipher_suite \"three\" is not a valid integer",
            "{\"ipmi_address\": \"h\", \"ipmi_bridging\": \"triple\"}|Invalid value for ipmi_bridging: triple, the valid value can be one of: single, dual, no",
            "{\"ipmi_address\": \"h\", \"ipmi_bridging\": \"dual\", \"ipmi_target_channel\": \"7\"}|lacks ipmi_target_address, ipmi_transit_channel, ipmi_transit_address",
            "{\"ipmi_address\": \"h\", \"ipmi_bridging\": \"single\", \"ipmi_target_channel\": \"7\", \"ipmi_target_address\": \"zz\"}|Invalid ipmi_target_address 'zz'",
            "{\"ipmi_address\": \"h\", \"ipmi_hex_kg_key\": \"abc\"}|Number of ipmi_hex_kg_key characters is not even",
            "{\"ipmi_address\": \"h\", \"ipmi_hex_kg_key\": \"zz\"}|ipmi_hex_kg_key must be at most 40 hexadecimal characters",
            "{\"ipmi_address\": \"h\", \"ipmi_force_boot_device\": \"maybe\"}|Invalid ipmi_force_boot_device 'maybe'",
            "{\"ipmi_address\": \"h\", \"ipmi_terminal_port\": 0}|ipmi_terminal_port \"0\" is out of range"})
    void badDriverInfoIsA400ThatSaysWhatToFix(String json, String message) {
        assertThatThrownBy(() -> IpmiInfo.parse(info(json))).isInstanceOf(FerrumException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((FerrumException) e).code().httpStatus()).isEqualTo(400));
    }

    @Test
    void commandLineCarriesEverySettingButNeverThePassword() {
        IpmiInfo i = IpmiInfo.parse(info("{\"ipmi_address\": \"10.0.0.5\", \"ipmi_port\": \"6230\", \"ipmi_username\": "
                + "\"admin\", \"ipmi_password\": \"s3cret\", \"ipmi_priv_level\": \"operator\", \"ipmi_cipher_suite\": 3, "
                + "\"ipmi_bridging\": \"dual\", \"ipmi_local_address\": \"0x20\", \"ipmi_transit_channel\": \"0\", "
                + "\"ipmi_transit_address\": \"0x82\", \"ipmi_target_channel\": \"7\", \"ipmi_target_address\": \"0x72\", "
                + "\"ipmi_hex_kg_key\": \"0a1b\"}"));
        Ipmitool tool = new Ipmitool("ipmitool", Duration.ofSeconds(60), Duration.ofSeconds(5), false, true, false, List.of());
        List<String> argv = tool.argv(i, Path.of("/run/pw"), "power", "status");
        assertThat(String.join(" ", argv)).isEqualTo("ipmitool -I lanplus -H 10.0.0.5 -L OPERATOR -p 6230 -U admin -C 3 "
                + "-y 0a1b -m 0x20 -B 0 -T 0x82 -b 7 -t 0x72 -R 1 -N 5 -f /run/pw power status");
        assertThat(argv).noneMatch(a -> a.contains("s3cret"));

        IpmiInfo v15 = IpmiInfo.parse(info("{\"ipmi_address\": \"h\", \"ipmi_protocol_version\": \"1.5\"}"));
        Ipmitool retrying = new Ipmitool("ipmitool", Duration.ofSeconds(60), Duration.ofSeconds(5), true, true, false, List.of());
        assertThat(String.join(" ", retrying.argv(v15, Path.of("/run/pw"), "power", "on")))
                .isEqualTo("ipmitool -I lan -H h -L ADMINISTRATOR -R 12 -N 5 -f /run/pw power on");
    }

    @Test
    void aMissingIpmitoolIsNamedAtValidation() {
        Ipmitool tool = new Ipmitool("/nonexistent/ipmitool", Duration.ofSeconds(1), Duration.ZERO, false, true, false, List.of());
        assertThatThrownBy(tool::requireInstalled).hasMessageContaining("install Debian's ipmitool package");
        IpmiInfo i = IpmiInfo.parse(info("{\"ipmi_address\": \"127.0.0.1\"}"));
        assertThatThrownBy(() -> tool.run(i, "power", "status")).isInstanceOf(IpmiFailure.class)
                .hasMessageContaining("cannot run ipmitool").hasMessageContaining("install Debian's ipmitool package");
    }
}
