package org.gridcharge.batch;

/** A row that cannot be used; the step skips it and the job records it. */
public class RowRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String column;

    public RowRejectedException(int line, String column, String reason) {
        super(reason);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public String column() {
        return column;
    }
}
