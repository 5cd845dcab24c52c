package org.gridcharge.evse.boundary;

import org.gridcharge.evse.entity.Evse;

/**
 * An EVSE is about to be deleted, fired synchronously in the deleting transaction: an observer that must refuse the
 * deletion (the group whose last EVSE it is) throws, and the deletion does not happen.
 */
public record EvseDeleting(Evse evse) {
}
