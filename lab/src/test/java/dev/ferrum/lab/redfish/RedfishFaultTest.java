package dev.ferrum.lab.redfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Faults on the whole emulator and on one system. */
class RedfishFaultTest {

    @Test
    void serverErrorUnavailableAndWrongCredentialsOnTheWholeEmulator() {
        try (RedfishEmulator e = RedfishEmulator.builder().systems(2).start()) {
            e.fault(Fault.SERVER_ERROR);
            Http.Response error = Http.get(e, "/redfish/v1/Systems/1");
            assertThat(error.status()).isEqualTo(500);
            assertThat(error.messageId()).isEqualTo("Base.1.16.InternalError");
            assertThat(Http.getAnonymous(e, "/redfish/v1/").status()).isEqualTo(500);

            e.fault(Fault.UNAVAILABLE);
            Http.Response busy = Http.get(e, "/redfish/v1/Managers/2");
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).isEqualTo("30");
            assertThat(busy.messageId()).isEqualTo("Base.1.16.ServiceTemporarilyUnavailable");

            e.fault(Fault.WRONG_CREDENTIALS);
            assertThat(Http.get(e, "/redfish/v1/Systems/1").status()).isEqualTo(401);
            assertThat(Http.getAnonymous(e, "/redfish/v1/").status()).isEqualTo(401);
            assertThat(Http.post(e, "/redfish/v1/SessionService/Sessions",
                    "{\"UserName\": \"admin\", \"Password\": \"password\"}").status()).isEqualTo(401);
            assertThat(e.activeSessions()).isZero();

            e.fault(Fault.NONE);
            assertThat(Http.get(e, "/redfish/v1/Systems/1").status()).isEqualTo(200);
        }
    }

    @Test
    void aSystemsFaultTouchesOnlyItsResources() {
        try (RedfishEmulator e = RedfishEmulator.builder().systems(3).start()) {
            e.system("2").fault(Fault.SERVER_ERROR);
            assertThat(Http.get(e, "/redfish/v1/Systems/2").status()).isEqualTo(500);
            assertThat(Http.get(e, "/redfish/v1/Systems/2/Bios").status()).isEqualTo(500);
            assertThat(Http.get(e, "/redfish/v1/Managers/2").status()).isEqualTo(500);
            assertThat(Http.get(e, "/redfish/v1/Chassis/2").status()).isEqualTo(500);
            assertThat(Http.get(e, "/redfish/v1/Systems/1").status()).isEqualTo(200);
            assertThat(Http.get(e, "/redfish/v1/Systems").status()).isEqualTo(200);
            String reset = "/redfish/v1/Systems/2/Actions/ComputerSystem.Reset";
            assertThat(Http.post(e, reset, "{\"ResetType\": \"On\"}").status()).isEqualTo(500);
            assertThat(e.system("2").resets()).isEmpty();

            e.system("3").fault(Fault.WRONG_CREDENTIALS);
            assertThat(Http.get(e, "/redfish/v1/Systems/3").status()).isEqualTo(401);
            e.system("3").fault(Fault.UNAVAILABLE);
            assertThat(Http.get(e, "/redfish/v1/Systems/3").status()).isEqualTo(503);

            e.fault(Fault.UNAVAILABLE);
            assertThat(Http.get(e, "/redfish/v1/Systems/2").status()).as("the emulator's fault wins").isEqualTo(503);
            e.fault(Fault.NONE);
            e.system("2").fault(Fault.NONE);
            assertThat(Http.post(e, reset, "{\"ResetType\": \"On\"}").status()).isEqualTo(204);
            assertThat(e.system("2").powerState()).isEqualTo("On");
        }
    }

    @Test
    void hangHoldsTheRequestUntilTheFaultIsCleared() throws Exception {
        try (RedfishEmulator e = RedfishEmulator.builder().systems(2).start()) {
            e.system("1").fault(Fault.HANG);
            CompletableFuture<HttpResponse<String>> hung = Http.CLIENT.sendAsync(
                    Http.request(e, "/redfish/v1/Systems/1").header("Authorization", Http.BASIC).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> e.hangingRequests() == 1);
            // other systems answer while one hangs
            assertThat(Http.get(e, "/redfish/v1/Systems/2").status()).isEqualTo(200);
            assertThat(hung).isNotDone();

            e.system("1").fault(Fault.NONE);
            assertThat(hung.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(e.hangingRequests()).isZero();
        }
    }

    @Test
    void hangThenAnotherFaultAnswersWithThatFault() throws Exception {
        try (RedfishEmulator e = RedfishEmulator.builder().systems(1).start()) {
            e.fault(Fault.HANG);
            CompletableFuture<HttpResponse<String>> hung = Http.CLIENT.sendAsync(
                    Http.request(e, "/redfish/v1/").GET().build(), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> e.hangingRequests() == 1);
            e.fault(Fault.UNAVAILABLE);
            assertThat(hung.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
        }
    }

    @Test
    void closingTheEmulatorDropsHungRequests() throws Exception {
        RedfishEmulator e = RedfishEmulator.builder().systems(1).start();
        e.fault(Fault.HANG);
        CompletableFuture<HttpResponse<String>> hung = Http.CLIENT.sendAsync(
                Http.request(e, "/redfish/v1/Systems/1").header("Authorization", Http.BASIC).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> e.hangingRequests() == 1);
        e.close();
        try {
            HttpResponse<String> r = hung.get(10, TimeUnit.SECONDS);
            Assertions.fail("a hung request was answered after close: " + r.statusCode());
        } catch (ExecutionException expected) {
            assertThat(expected.getCause()).isInstanceOf(java.io.IOException.class);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> e.hangingRequests() == 0);
    }
}
