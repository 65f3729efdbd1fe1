package dev.ferrum.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferrum.common.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** Version discovery: {@code GET /} and {@code GET /v1}. Both are public, as in Ironic. */
final class RootController {
    void routes(RoutesConfig r) {
        r.get("/", this::root);
        r.get("/v1", this::v1);
    }

    private static ObjectNode version(String base) {
        ObjectNode v = Json.object();
        v.put("id", "v1");
        v.putArray("links").addObject().put("href", base + "/v1/").put("rel", "self");
        v.put("status", "CURRENT");
        v.put("min_version", ApiVersion.string(ApiVersion.MIN));
        v.put("version", ApiVersion.string(ApiVersion.MAX));
        return v;
    }

    private void root(Context ctx) {
        String base = Requests.base(ctx);
        ObjectNode out = Json.object();
        out.put("name", "OpenStack Ironic API");
        out.put("description", "Ferrum provisions bare metal machines through the OpenStack Ironic v1 API.");
        out.set("default_version", version(base));
        out.putArray("versions").add(version(base));
        Requests.json(ctx, out);
    }

    private void v1(Context ctx) {
        String base = Requests.base(ctx);
        int minor = Requests.version(ctx);
        ObjectNode out = Json.object();
        out.put("id", "v1");
        var links = out.putArray("links");
        links.addObject().put("href", base + "/v1/").put("rel", "self");
        links.addObject().put("href", "https://docs.openstack.org/ironic/latest/contributor/webapi.html")
                .put("rel", "describedby").put("type", "text/html");
        out.putObject("media_types").put("base", "application/json")
                .put("type", "application/vnd.openstack.ironic.v1+json");
        for (String resource : List.of("chassis", "nodes", "ports", "drivers")) {
            out.set(resource, Links.of(base, resource, ""));
        }
        if (minor >= 23) {
            out.set("portgroups", Links.of(base, "portgroups", ""));
        }
        if (minor >= 32) {
            out.set("volume", Links.of(base, "volume", ""));
        }
        if (minor >= 49) {
            out.set("conductors", Links.of(base, "conductors", ""));
        }
        if (minor >= 52) {
            out.set("allocations", Links.of(base, "allocations", ""));
        }
        if (minor >= 82) {
            out.set("shards", Links.of(base, "shards", ""));
        }
        out.set("version", version(base));
        Requests.json(ctx, out);
    }
}
