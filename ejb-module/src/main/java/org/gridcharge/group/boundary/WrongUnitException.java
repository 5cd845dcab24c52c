package org.gridcharge.group.boundary;

import org.gridcharge.group.entity.CapacityUnit;
import org.gridcharge.platform.error.ConflictException;

/** The operation is for groups counted in another unit (HTTP 409); it carries what an adapter needs to say so in its words. */
public class WrongUnitException extends ConflictException {

    private static final long serialVersionUID = 1L;

    private final String groupId;
    private final Management management;
    private final CapacityUnit wanted;

    public WrongUnitException(String groupId, Management management, CapacityUnit wanted) {
        super("group '" + groupId + "' is " + (management == Management.UNMANAGED ? "not managed" : "managed in "
                + (management == Management.WATTS ? "watts" : "amperes")) + "; this operation is for groups managed in "
                + (wanted == CapacityUnit.W ? "watts" : "amperes"));
        this.groupId = groupId;
        this.management = management;
        this.wanted = wanted;
    }

    public String groupId() {
        return groupId;
    }

    public Management management() {
        return management;
    }

    public CapacityUnit wanted() {
        return wanted;
    }
}
