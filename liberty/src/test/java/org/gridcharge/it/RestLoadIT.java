package org.gridcharge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.gridcharge.simulator.RestLoad;
import org.junit.jupiter.api.Test;

/** A smoke-sized run of the REST benchmark against the running platform, so it does not rot. */
class RestLoadIT {

    @Test
    void readingAGroupAndSettingItsProfileUnderLoadAnswersEveryRequest() throws Exception {
        String port = System.getProperty("http.port", "9080");
        RestLoad load = new RestLoad(RestLoad.Options.parse("--api", "http://localhost:" + port, "--token", DevTokens.platformAdmin(),
                "--cpo", Fixtures.cpo(), "--evses", "3", "--threads", "3", "--warmup-seconds", "0", "--seconds", "2"));
        List<RestLoad.Result> results = load.run();

        assertEquals(List.of("get-group", "put-profile"), results.stream().map(RestLoad.Result::operation).toList());
        for (RestLoad.Result result : results) {
            assertTrue(result.requests() > 3, "each client got answers: " + result);
            assertTrue(result.failures().isEmpty(), "no request failed: " + result);
            assertTrue(result.p50Millis() <= result.p99Millis() && result.p99Millis() <= result.maxMillis(), result.toString());
        }
        JsonObject profile = Api.get(Fixtures.groupPath(load.groupId()) + "/capacity-profile", DevTokens.platformAdmin()).expect(200).json();
        assertEquals(24, profile.getJsonArray("periods").size(), "the last PUT is the group's profile");
    }
}
