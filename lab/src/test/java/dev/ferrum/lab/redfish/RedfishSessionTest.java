package dev.ferrum.lab.redfish;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** SessionService: login, token auth, logout, the session cap and its counters. */
class RedfishSessionTest {

    private static Http.Response login(RedfishEmulator e, String user, String password) {
        return Http.send(Http.request(e, "/redfish/v1/SessionService/Sessions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"UserName\": \"" + user + "\", \"Password\": \"" + password + "\"}")).build());
    }

    private static Http.Response withToken(RedfishEmulator e, String method, String path, String token) {
        return Http.send(Http.request(e, path).header("X-Auth-Token", token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void loginGivesATokenThatAuthorizesUntilTheSessionIsDeleted() {
        try (RedfishEmulator e = RedfishEmulator.builder().systems(1).credentials("root", "s3cret").start()) {
            Http.Response created = login(e, "root", "s3cret");
            assertThat(created.status()).isEqualTo(201);
            String token = created.header("X-Auth-Token");
            String location = created.header("Location");
            assertThat(token).hasSizeGreaterThanOrEqualTo(32);
            assertThat(location).matches("/redfish/v1/SessionService/Sessions/\\d+");
            assertThat(created.body().get("UserName").asText()).isEqualTo("root");
            assertThat(created.body().get("Password").isNull()).isTrue();
            assertThat(created.raw().body()).doesNotContain("s3cret").doesNotContain(token);
            assertThat(e.activeSessions()).isEqualTo(1);

            assertThat(withToken(e, "GET", "/redfish/v1/Systems/1", token).status()).isEqualTo(200);
            Http.Response list = withToken(e, "GET", "/redfish/v1/SessionService/Sessions", token);
            assertThat(list.body().get("Members").get(0).get("@odata.id").asText()).isEqualTo(location);
            assertThat(withToken(e, "GET", location, token).body().get("Id").asText())
                    .isEqualTo(location.substring(location.lastIndexOf('/') + 1));

            assertThat(withToken(e, "DELETE", location, token).status()).isEqualTo(204);
            assertThat(e.activeSessions()).isZero();
            assertThat(e.peakSessions()).isEqualTo(1);
            Http.Response gone = withToken(e, "GET", "/redfish/v1/Systems/1", token);
            assertThat(gone.status()).isEqualTo(401);
            assertThat(gone.messageId()).isEqualTo("Base.1.16.NoValidSession");
        }
    }

    @Test
    void wrongCredentialsAndMissingFieldsCreateNoSession() {
        try (RedfishEmulator e = RedfishEmulator.builder().systems(1).start()) {
            Http.Response wrong = login(e, "admin", "nope");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.header("X-Auth-Token")).isNull();
            assertThat(login(e, "someone", "password").status()).isEqualTo(401);
            Http.Response missing = Http.send(Http.request(e, "/redfish/v1/SessionService/Sessions")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"UserName\": \"admin\"}")).build());
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.messageId()).isEqualTo("Base.1.16.PropertyMissing");
            assertThat(e.activeSessions()).isZero();
            assertThat(e.peakSessions()).isZero();
            assertThat(withToken(e, "GET", "/redfish/v1/Systems", "not-a-token").status()).isEqualTo(401);
        }
    }

    @Test
    void loginsBeyondMaxSessionsAreRefusedWith503UntilOneLogsOut() {
        try (RedfishEmulator e = RedfishEmulator.builder().systems(1).maxSessions(2).start()) {
            Http.Response first = login(e, "admin", "password");
            assertThat(login(e, "admin", "password").status()).isEqualTo(201);
            Http.Response third = login(e, "admin", "password");
            assertThat(third.status()).isEqualTo(503);
            assertThat(third.messageId()).isEqualTo("Base.1.16.SessionLimitExceeded");
            assertThat(e.activeSessions()).isEqualTo(2);
            // basic auth still works: it needs no session
            assertThat(Http.get(e, "/redfish/v1/Systems/1").status()).isEqualTo(200);

            assertThat(withToken(e, "DELETE", first.header("Location"), first.header("X-Auth-Token")).status())
                    .isEqualTo(204);
            assertThat(login(e, "admin", "password").status()).isEqualTo(201);
            assertThat(e.activeSessions()).isEqualTo(2);
            assertThat(e.peakSessions()).isEqualTo(2);
        }
    }

    @Test
    void sushyFallsBackToBasicAuthWhenTheSessionCapIsReached() {
        try (RedfishEmulator e = RedfishEmulator.builder().systems(1).maxSessions(0).start()) {
            String out = Tools.sushy(e, """
                    s = connect()
                    print(s._auth.get_session_key() is None, s.get_system('/redfish/v1/Systems/1').identity)
                    """);
            assertThat(out).isEqualTo("True 1");
            assertThat(e.peakSessions()).isZero();
        }
    }
}
