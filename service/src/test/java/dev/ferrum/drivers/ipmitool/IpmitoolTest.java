package dev.ferrum.drivers.ipmitool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferrum.common.Json;
import dev.ferrum.lab.ipmi.PyghmiBmc;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ipmitool runner against a real BMC (pyghmi's): retries, pacing, the per-call deadline and the password file. */
class IpmitoolTest {
    static PyghmiBmc bmc;
    static IpmiInfo info;

    @BeforeAll
    static void start() {
        bmc = PyghmiBmc.start("admin", "s3cret");
        info = IpmiInfo.parse(Json.parseStored("{\"ipmi_address\": \"127.0.0.1\", \"ipmi_port\": " + bmc.port()
                + ", \"ipmi_username\": \"admin\", \"ipmi_password\": \"s3cret\", \"ipmi_cipher_suite\": 3}"));
    }

    @AfterAll
    static void stop() {
        bmc.close();
    }

    private static Ipmitool ipmitool(Duration retryTimeout, Duration minInterval, boolean ipmitoolRetries) {
        return new Ipmitool("ipmitool", retryTimeout, minInterval, ipmitoolRetries, true, false, List.of());
    }

    @Test
    void thePasswordFileIsPrivateAndGoneAfterTheCall() throws Exception {
        Ipmitool tool = ipmitool(Duration.ofSeconds(10), Duration.ZERO, false);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tool.passwordDir()))).isEqualTo("rwx------");
        assertThat(tool.run(info, "power", "status")).contains("Chassis Power is");
        try (var left = Files.list(tool.passwordDir())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aBmcThatStaysBusyFailsWithItsOwnAnswerOnceTheRetryTimeIsUp() {
        bmc.busy(1000);
        try {
            Ipmitool tool = ipmitool(Duration.ofSeconds(3), Duration.ZERO, false);
            assertThatThrownBy(() -> tool.run(info, "power", "on")).isInstanceOf(IpmiFailure.class)
                    .hasMessageContaining("IPMI call failed: power on. The BMC at 127.0.0.1:" + bmc.port() + " answered:")
                    .hasMessageContaining("Node busy").hasMessageContaining("attempts in 3 s");
        } finally {
            bmc.busy(0);
        }
    }

    @Test
    void aHungBmcCostsAtMostTheRetryTimeoutAndIpmitoolIsKilled() {
        Ipmitool tool = ipmitool(Duration.ofSeconds(2), Duration.ofSeconds(1), true); // ipmitool would try for longer
        bmc.hang(true);
        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> tool.run(info, "power", "status")).isInstanceOf(IpmiFailure.class)
                    .hasMessageContaining("127.0.0.1:" + bmc.port()).hasMessageContaining("did not answer within 2 s");
        } finally {
            bmc.hang(false);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(ProcessHandle.current().children().filter(p -> p.info().command().orElse("").endsWith("ipmitool")))
                .as("no ipmitool left running").isEmpty();
    }

    @Test
    void commandsToOneBmcKeepTheMinimumInterval() {
        Ipmitool tool = ipmitool(Duration.ofSeconds(10), Duration.ofMillis(1500), false);
        tool.run(info, "power", "status");
        long start = System.nanoTime();
        tool.run(info, "power", "status");
        // the second command waited for the BMC's interval (a lower bound: never flaky)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
    }
}
