package org.gridcharge.platform.paging;

import org.gridcharge.platform.error.InvalidInputException;

import java.util.List;
import java.util.function.Function;

/** One page of a list in a stable order, with the total so clients can page to the end. */
public record Page<T>(List<T> items, int offset, int limit, long total) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public Page {
        items = List.copyOf(items);
    }

    /** The page {@code request} asks for of a whole list held in memory. */
    public static <T> Page<T> of(List<T> all, Request request) {
        int start = Math.min(request.offset(), all.size());
        return new Page<>(all.subList(start, (int) Math.min((long) start + request.limit(), all.size())), request.offset(), request.limit(),
                all.size());
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), offset, limit, total);
    }

    /** A validated paging request. */
    public record Request(int offset, int limit) {

        /** Parses the {@code offset} and {@code limit} query parameters (absent: 0 and {@value #DEFAULT_LIMIT}). */
        public static Request of(String offset, String limit) {
            return of(offset, limit, DEFAULT_LIMIT, MAX_LIMIT);
        }

        /** Parses {@code offset} and {@code limit} with the given default and largest limit. */
        public static Request of(String offset, String limit, int defaultLimit, int maxLimit) {
            int o = parse("offset", offset, 0);
            int l = parse("limit", limit, defaultLimit);
            if (o < 0) {
                throw new InvalidInputException("offset", "must be 0 or more, was " + o);
            }
            if (l < 1 || l > maxLimit) {
                throw new InvalidInputException("limit", "must be between 1 and " + maxLimit + ", was " + l);
            }
            return new Request(o, l);
        }

        private static int parse(String field, String value, int absent) {
            if (value == null || value.isEmpty()) {
                return absent;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(field, "must be a whole number, was '" + value + "'");
            }
        }
    }
}
