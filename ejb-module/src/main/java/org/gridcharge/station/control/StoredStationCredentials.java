package org.gridcharge.station.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.gridcharge.evse.control.StationCredentials;
import org.gridcharge.station.entity.ChargeStation;

/** The station component's answer to what the evse component asks about a station's credentials. */
@ApplicationScoped
public class StoredStationCredentials implements StationCredentials {

    @PersistenceContext
    EntityManager em;

    @Override
    public String registeredCpo(String chargeStationId) {
        ChargeStation station = chargeStationId == null ? null : em.find(ChargeStation.class, chargeStationId);
        return station == null ? null : station.cpoId();
    }
}
