package org.gridcharge.ocpp.rpc;

import org.gridcharge.ocpp.OcppException;
import org.gridcharge.ocpp.OcppVersion.ErrorKind;

/** Text that is not an OCPP-J frame: answered with a CALLERROR for {@link #messageId()}, the connection stays up. */
public class FrameException extends OcppException {

    private static final long serialVersionUID = 1L;

    private final String messageId;
    private final boolean json;

    FrameException(ErrorKind kind, String messageId, String description, boolean json) {
        super(kind, description);
        this.messageId = messageId;
        this.json = json;
    }

    /** The id to answer with: the frame's own if it could be read, else "-1". */
    public String messageId() {
        return messageId;
    }

    /** True if the text was JSON, though no frame: the station is alive and speaking, if badly. */
    public boolean json() {
        return json;
    }
}
