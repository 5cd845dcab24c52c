package org.gridcharge.steering.boundary;

/**
 * A smart charging group as operators see it over JMX ({@code org.gridcharge:type=SmartChargingGroup,application="gridcharge",name="<group_id>"}):
 * its figures after the last allocation, and switches for its automatic allocation.
 */
public interface GroupMXBean {

    /** The group's capacity now, amperes per phase. */
    double getCapacityAmps();

    /** Current allotted now on the group's most loaded phase, amperes. */
    double getAllottedAmps();

    /** Sockets with a charging session that were given current. */
    int getSocketsCharging();

    /** When the group was last allocated (UTC ISO-8601), or empty. */
    String getLastAllocation();

    /** True while automatic allocation (sweep, breakpoints, events) is paused. */
    boolean isPaused();

    /** Allocates the group now, paused or not. */
    void reallocate();

    /** Pauses automatic allocation: stations keep the schedules they were last sent. */
    void pause();

    /** Resumes automatic allocation and allocates at once. */
    void resume();
}
