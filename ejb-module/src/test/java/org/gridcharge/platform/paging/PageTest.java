package org.gridcharge.platform.paging;

import org.gridcharge.platform.error.InvalidInputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void defaultsAndBounds() {
        assertEquals(new Page.Request(0, Page.DEFAULT_LIMIT), Page.Request.of(null, null));
        assertEquals(new Page.Request(10, 500), Page.Request.of("10", "500"));
        assertEquals("limit", assertThrows(InvalidInputException.class, () -> Page.Request.of("0", "501")).field());
        assertEquals("limit", assertThrows(InvalidInputException.class, () -> Page.Request.of("0", "ten")).field());
        assertEquals("offset", assertThrows(InvalidInputException.class, () -> Page.Request.of("-1", "5")).field());
    }
}
