package io.linkscope.collect.pull;

import com.fasterxml.jackson.databind.JsonNode;
import io.linkscope.config.AppConfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A login-event feed: {@code GET url?after=<cursor>&limit=<pageSize>} answering either NDJSON (one event per
 * line) or a JSON page {@code {"events":[…], "nextCursor": "…"}}. An event is
 * {@code {"id", "store": "platform:marketplace:storeId", "ip", "device", "time"}}; its IP and device become
 * attributes observed at that time with source {@code login-log}.
 * <p>
 * The position after a page is {@code nextCursor} (JSON pages), else the last event's {@code id}, else its
 * {@code time}. A poll stops at a short or empty page. An NDJSON body whose last line lacks its newline was cut
 * off and rejects the poll.
 */
final class LoginEventFormat implements PullFormat {
    private final AppConfig.Source source;

    LoginEventFormat(AppConfig.Source source) {
        this.source = source;
    }

    @Override
    public String firstPage(String cursor) {
        return page(cursor);
    }

    private String page(String cursor) {
        String url = JsonMappedFormat.withParam(source.url(), "limit", String.valueOf(source.pageLimit()));
        return cursor == null ? url : JsonMappedFormat.withParam(url, "after", cursor);
    }

    @Override
    public Page parse(byte[] body, String contentType, int page, String url) throws PullException {
        String where = "page " + page;
        List<JsonNode> events = new ArrayList<>();
        String next = null;
        boolean ndjson = contentType != null && (contentType.contains("ndjson") || contentType.contains("jsonl"));
        if (ndjson) {
            String[] lines = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].trim();
                if (line.isEmpty()) continue;
                JsonNode e = PullFormat.json(line.getBytes(StandardCharsets.UTF_8), where + " line " + (i + 1));
                if (!e.isObject()) throw new PullException(where + " line " + (i + 1) + ": not a JSON object");
                events.add(e);
            }
            if (body != null && body.length > 0 && body[body.length - 1] != '\n' && !events.isEmpty()) {
                // NDJSON lines end with a newline; a body that stops mid-line was cut off even if it parses
                throw new PullException(where + ": the last line has no newline; the answer was cut off");
            }
        } else {
            JsonNode root = PullFormat.json(body, where);
            JsonNode list = root.path("events");
            if (!list.isArray()) throw new PullException(where + ": events is not an array");
            list.forEach(events::add);
            next = PullFormat.text(root, "/nextCursor");
        }
        List<PulledStore> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String last = null;
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            String id = PullFormat.text(e, "/id");
            String at = where + " event " + (id == null ? "#" + (i + 1) : id);
            String time = PullFormat.text(e, "/time");
            last = id != null ? id : time != null ? time : last;
            String[] key = PulledStore.splitKey(PullFormat.text(e, "/store"));
            if (key == null) {
                problems.add(at + ": store is not a store key platform:marketplace:storeId");
                continue;
            }
            List<PulledStore.Attribute> attributes = new ArrayList<>();
            String ip = PullFormat.text(e, "/ip");
            String device = PullFormat.text(e, "/device");
            if (ip != null) attributes.add(new PulledStore.Attribute("ip", ip, time, time));
            if (device != null) attributes.add(new PulledStore.Attribute("device", device, time, time));
            if (attributes.isEmpty()) {
                problems.add(at + ": neither ip nor device");
                continue;
            }
            out.add(new PulledStore(at, key[0], key[1], key[2], null, null, null, null, null, attributes));
        }
        String cursor = next != null ? next : last;
        boolean more = !events.isEmpty() && events.size() >= source.pageLimit() && cursor != null;
        return new Page(out, problems, more ? page(cursor) : null, cursor);
    }
}
