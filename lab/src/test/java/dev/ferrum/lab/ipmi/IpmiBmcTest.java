package dev.ferrum.lab.ipmi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both test BMCs driven by the real ipmitool (lanplus, cipher suite 3), asserting on the BMC's own state. */
class IpmiBmcTest {
    record Result(int exit, String out) {
    }

    static Stream<Arguments> bmcs() {
        return Stream.of(Arguments.of("ipmi_sim", (Supplier<IpmiBmc>) () -> IpmiSimBmc.start("admin", "s3cret")),
                Arguments.of("pyghmi", (Supplier<IpmiBmc>) () -> PyghmiBmc.start("admin", "s3cret")));
    }

    static Result ipmitool(IpmiBmc bmc, String password, String... command) {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/ipmitool", "-I", "lanplus", "-H", bmc.address(), "-p",
                Integer.toString(bmc.port()), "-U", bmc.username(), "-P", password, "-C", "3", "-R", "1", "-N", "1"));
        argv.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run ipmitool (install Debian's ipmitool)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String ok(IpmiBmc bmc, String... command) {
        Result r = ipmitool(bmc, bmc.password(), command);
        assertThat(r.exit()).as(String.join(" ", command) + ": " + r.out()).isZero();
        return r.out();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bmcs")
    void powerAndBootDeviceReachTheBmcsState(String kind, Supplier<IpmiBmc> factory) {
        try (IpmiBmc bmc = factory.get()) {
            assertThat(ok(bmc, "power", "status")).contains("Chassis Power is off");
            assertThat(bmc.powerState()).isEqualTo("off");
            ok(bmc, "power", "on");
            assertThat(bmc.powerState()).isEqualTo("on");
            assertThat(ok(bmc, "power", "status")).contains("Chassis Power is on");
            ok(bmc, "power", "soft");
            assertThat(bmc.powerState()).isEqualTo("off");
            ok(bmc, "power", "on");
            ok(bmc, "power", "reset");
            ok(bmc, "power", "off");
            assertThat(bmc.powerActions()).containsExactly("on", "soft", "on", "reset", "off");

            ok(bmc, "chassis", "bootdev", "pxe");
            assertThat(bmc.bootDevice()).isEqualTo("pxe");
            assertThat(ok(bmc, "raw", "0x00", "0x09", "0x05", "0x00", "0x00").trim()).startsWith("01 05").contains(" 04 ");
            ok(bmc, "chassis", "bootdev", "disk");
            assertThat(bmc.bootDevice()).isEqualTo("disk");
            ok(bmc, "raw", "0x00", "0x08", "0x05", "0xe0", "0x14", "0x00", "0x00", "0x00");
            assertThat(bmc.bootDevice()).isEqualTo("cdrom");
            if (bmc.uefi() != null) {
                assertThat(bmc.uefi()).isTrue();
                assertThat(bmc.bootPersistent()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bmcs")
    void aWrongPasswordIsRefusedAndAHungBmcDoesNotAnswer(String kind, Supplier<IpmiBmc> factory) {
        try (IpmiBmc bmc = factory.get()) {
            Result wrong = ipmitool(bmc, "not-the-password", "power", "status");
            assertThat(wrong.exit()).isNotZero();
            assertThat(wrong.out()).contains("Unable to establish IPMI v2 / RMCP+ session");
            bmc.hang(true);
            Result hung = ipmitool(bmc, bmc.password(), "power", "status");
            assertThat(hung.exit()).as(hung.out()).isNotZero();
            bmc.hang(false);
            assertThat(ok(bmc, "power", "status")).contains("Chassis Power is off");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bmcs")
    void nmiIsPyghmiOnly(String kind, Supplier<IpmiBmc> factory) {
        try (IpmiBmc bmc = factory.get()) {
            Result diag = ipmitool(bmc, bmc.password(), "power", "diag");
            if (bmc instanceof PyghmiBmc) {
                assertThat(diag.exit()).isZero();
                assertThat(bmc.powerActions()).containsExactly("diag");
            } else {
                assertThat(diag.out()).contains("Invalid data field in request");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aBusyPyghmiBmcAnswersNodeBusyAsManyTimesAsAsked() {
        try (PyghmiBmc bmc = PyghmiBmc.start("admin", "s3cret")) {
            bmc.busy(2);
            assertThat(ipmitool(bmc, bmc.password(), "power", "on").out()).contains("Node busy");
            assertThat(ipmitool(bmc, bmc.password(), "power", "on").out()).contains("Node busy");
            ok(bmc, "power", "on");
            assertThat(bmc.powerState()).isEqualTo("on");
        }
    }
}
