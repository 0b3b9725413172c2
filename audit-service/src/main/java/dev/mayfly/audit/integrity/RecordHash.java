package dev.mayfly.audit.integrity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SHA-256 of a JSON value in a canonical form: object members sorted by name, null members left out, no white
 * space. The same record hashes the same whether it was just built from an event or read back from Elasticsearch,
 * and anyone can recompute it with any JSON library.
 */
public final class RecordHash {

    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private RecordHash() {
    }

    /** The hex SHA-256 of the canonical form of a record (a map, or a JSON tree). */
    public static String of(Object value) {
        return sha256Hex(canonicalBytes(value));
    }

    /** The canonical form of a value, as UTF-8 bytes. */
    public static byte[] canonicalBytes(Object value) {
        try {
            return CANONICAL.writeValueAsBytes(canonical(CANONICAL.valueToTree(value)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JSON value: " + e.getMessage(), e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> members = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (!member.getValue().isNull()) {
                    members.put(member.getKey(), canonical(member.getValue()));
                }
            }
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            members.forEach(sorted::set);
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> array.add(canonical(element)));
            return array;
        }
        return node;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
