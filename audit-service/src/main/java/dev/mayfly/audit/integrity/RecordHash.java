package dev.mayfly.audit.integrity;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The SHA-256 of a JSON value in a canonical form: object members sorted by name, null members left out, no white
 * space. The same record hashes the same whether it was just built from an event or read back from Elasticsearch,
 * and anyone can recompute it with any JSON library.
 *
 * <p>The canonical form is written straight into the hash: maps, lists, JSON trees and scalars are walked as they
 * are, members sorted on the way, so hashing a record builds no copy of it (the digester hashes every record of every
 * call). Anything else (a record, a date) is first turned into a JSON tree the way Jackson would write it.
 */
public final class RecordHash {

    private static final ObjectMapper CANONICAL = new ObjectMapper();

    private RecordHash() {
    }

    /** The hex SHA-256 of the canonical form of a record (a map, or a JSON tree). */
    public static String of(Object value) {
        MessageDigest sha256 = sha256();
        write(value, new DigestOutputStream(OutputStream.nullOutputStream(), sha256));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The canonical form of a value, as UTF-8 bytes. */
    public static byte[] canonicalBytes(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(value, bytes);
        return bytes.toByteArray();
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void write(Object value, OutputStream out) {
        try (JsonGenerator json = CANONICAL.getFactory().createGenerator(out)) {
            writeValue(json, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case String text -> json.writeString(text);
            case Boolean bool -> json.writeBoolean(bool);
            case Integer number -> json.writeNumber(number);
            case Long number -> json.writeNumber(number);
            case Map<?, ?> map when map.keySet().stream().allMatch(String.class::isInstance) -> writeMap(json, map);
            case Collection<?> elements -> {
                json.writeStartArray();
                for (Object element : elements) {
                    writeValue(json, element);
                }
                json.writeEndArray();
            }
            case JsonNode node -> writeNode(json, node);
            default -> writeNode(json, toTree(value));
        }
    }

    private static void writeMap(JsonGenerator json, Map<?, ?> map) throws IOException {
        List<String> names = new ArrayList<>(map.size());
        map.forEach((name, member) -> {
            if (member != null) {
                names.add((String) name);
            }
        });
        writeObject(json, names, name -> writeValue(json, map.get(name)));
    }

    private static void writeNode(JsonGenerator json, JsonNode node) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            for (Iterator<Map.Entry<String, JsonNode>> members = node.fields(); members.hasNext(); ) {
                Map.Entry<String, JsonNode> member = members.next();
                if (!member.getValue().isNull()) {
                    names.add(member.getKey());
                }
            }
            writeObject(json, names, name -> writeNode(json, node.get(name)));
        } else if (node.isArray()) {
            json.writeStartArray();
            for (JsonNode element : node) {
                writeNode(json, element);
            }
            json.writeEndArray();
        } else {
            CANONICAL.writeTree(json, node);
        }
    }

    /** An object of the named members, in order of their names. */
    private static void writeObject(JsonGenerator json, List<String> names, MemberWriter member) throws IOException {
        names.sort(null);
        json.writeStartObject();
        for (String name : names) {
            json.writeFieldName(name);
            member.write(name);
        }
        json.writeEndObject();
    }

    @FunctionalInterface
    private interface MemberWriter {
        void write(String name) throws IOException;
    }

    private static JsonNode toTree(Object value) {
        try {
            return CANONICAL.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JSON value: " + e.getMessage(), e);
        }
    }
}
