package org.gridcharge.group.boundary;

import org.gridcharge.platform.error.ConflictException;

/** A group with the algorithm none has no minimum current and no start window to change (HTTP 409). */
public class UnmanagedGroupException extends ConflictException {

    private static final long serialVersionUID = 1L;

    private final String groupId;

    public UnmanagedGroupException(String groupId) {
        super("group '" + groupId + "' has the algorithm none: it has no minimum current and no start window; choose an"
                + " algorithm first");
        this.groupId = groupId;
    }

    public String groupId() {
        return groupId;
    }
}
