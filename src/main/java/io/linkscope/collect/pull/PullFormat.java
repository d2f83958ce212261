package io.linkscope.collect.pull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkscope.config.AppConfig;

import java.util.List;

/**
 * How one kind of pull source is asked for pages and how its answers become portfolio records. Pure: no I/O;
 * the {@link CollectorVerticle} does the HTTP, retries and writing.
 */
public interface PullFormat {
    ObjectMapper JSON = new ObjectMapper();

    /** The first page of a poll; {@code cursor} is the stored position of cursored feeds, else null. */
    String firstPage(String cursor);

    /**
     * Reads one page. Structural problems (not JSON, a cut-off body, the records not where the mapping says)
     * throw {@link PullException} and reject the whole poll; a record that cannot be mapped is listed in
     * {@link Page#problems()}.
     *
     * @param page 1-based page number within this poll, for messages
     */
    Page parse(byte[] body, String contentType, int page, String url) throws PullException;

    /**
     * @param records  mapped records of this page
     * @param problems records that could not be mapped, with their location
     * @param next     the next page's URL, or null when this poll is done
     * @param cursor   the feed position after this page (cursored feeds), else null
     */
    record Page(List<PulledStore> records, List<String> problems, String next, String cursor) {
    }

    /** Something wrong with a page as a whole; the message names the page and never quotes the body. */
    final class PullException extends Exception {
        public PullException(String message) {
            super(message);
        }
    }

    static PullFormat of(AppConfig.Source source) {
        return switch (source.kind() == null ? "" : source.kind()) {
            case "json" -> new JsonMappedFormat(source);
            case "adspower" -> new AdsPowerFormat(source);
            case "login-events" -> new LoginEventFormat(source);
            default -> throw new IllegalArgumentException("source " + source.name() + ": kind must be json, adspower or login-events");
        };
    }

    /** Parses a JSON body; the error names the position only, so no source data reaches logs. */
    static JsonNode json(byte[] body, String where) throws PullException {
        if (body == null || body.length == 0) throw new PullException(where + ": empty answer");
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) throw new PullException(where + ": empty answer");
            return node;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new PullException(where + ": not JSON or cut off"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (java.io.IOException e) {
            throw new PullException(where + ": unreadable answer");
        }
    }

    /** Text at a JSON Pointer, or null when absent, null or empty. Numbers and booleans become their text. */
    static String text(JsonNode node, String pointer) {
        if (pointer == null || pointer.isBlank()) return null;
        JsonNode v = node.at(pointer);
        if (v.isMissingNode() || v.isNull() || v.isContainerNode()) return null;
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    /** Resolves a possibly relative next-page link against the page it came from. */
    static String resolve(String base, String next) {
        return java.net.URI.create(base).resolve(next).toString();
    }
}
