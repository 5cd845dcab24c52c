package org.gridcharge.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ejb.EJB;
import java.util.UUID;
import org.gridcharge.cpo.boundary.CpoService;
import org.gridcharge.evse.boundary.EvseDraft;
import org.gridcharge.evse.boundary.EvseService;
import org.gridcharge.platform.security.Caller;
import org.gridcharge.station.boundary.ChargeStationService;
import org.gridcharge.station.boundary.ChargeStationService.Login;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Station logins with the servers' login key (the test server has one: configDropins/overrides/arquillian.xml): the
 * first login is checked against the PBKDF2 hash and writes the keyed verifier, later ones are checked by it, a wrong
 * password is refused either way, and a new password voids the verifier.
 */
@ExtendWith(ArquillianExtension.class)
class StationLoginInContainerIT {

    private static final Caller ADMIN = Caller.platformAdmin("in-container-test");

    @Deployment
    static WebArchive deployment() {
        return InContainerDeployment.withTests(StationLoginInContainerIT.class);
    }

    @EJB
    CpoService cpos;

    @EJB
    EvseService evses;

    @EJB
    ChargeStationService stations;

    private String verifier(String stationId) {
        return stations.view(ADMIN, stationId).station().loginVerifier();
    }

    @Test
    void aStationLetInOnceIsCheckedByItsKeyedVerifierUntilItsPasswordChanges() {
        String cpoId = "IC*" + UUID.randomUUID().toString().substring(0, 8);
        cpos.create(ADMIN, cpoId, "Login CPO");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String stationId = "LOGIN-" + suffix;
        evses.create(ADMIN, new EvseDraft("NL*ICL*E" + suffix, cpoId, stationId, 1, 32.0, 3, null, null, null));
        String password = "correct-horse-battery-staple";
        stations.setPassword(ADMIN, stationId, password);
        assertNull(verifier(stationId), "no verifier before the first login");

        assertEquals(Login.REFUSED, stations.authenticate(stationId, "wrong-password-but-long-enough"));
        assertNull(verifier(stationId), "a refused login writes nothing");
        assertEquals(Login.ACCEPTED, stations.authenticate(stationId, password));
        String first = verifier(stationId);
        assertNotNull(first, "the first login, checked the slow way, wrote the verifier");
        assertEquals(44, first.length(), "an HMAC-SHA256, base64");
        assertEquals(Login.ACCEPTED, stations.authenticate(stationId, password), "checked by the verifier now");
        assertEquals(Login.REFUSED, stations.authenticate(stationId, "wrong-password-but-long-enough"), "still refused");
        assertEquals(Login.REFUSED, stations.authenticate(stationId, null));
        assertEquals(Login.UNKNOWN, stations.authenticate("NOBODY-" + suffix, password));

        String another = "another-horse-battery-staple";
        stations.setPassword(ADMIN, stationId, another);
        assertNull(verifier(stationId), "a new password voids the verifier");
        assertEquals(Login.REFUSED, stations.authenticate(stationId, password), "the old password no longer lets it in");
        assertEquals(Login.ACCEPTED, stations.authenticate(stationId, another));
        assertNotEquals(first, verifier(stationId), "a new salt, a new verifier");
        assertEquals(Login.REFUSED, stations.authenticate(stationId, password), "nor does it later");
    }
}
