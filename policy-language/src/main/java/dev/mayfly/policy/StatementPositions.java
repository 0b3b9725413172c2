package dev.mayfly.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each statement of a policy document is written, as IAM's policy simulator reports a matched statement: the
 * line and column (both from 1) of the statement's opening brace, and of the character just after its closing brace.
 * A document whose Statement is one object has one statement; an array, one per element, in order, as
 * {@link PolicyDocument#applying} counts them.
 */
public final class StatementPositions {

    private static final JsonFactory JSON = new JsonFactory();

    private StatementPositions() {
    }

    /** A place in the document's text. */
    public record Position(int line, int column) {
    }

    /** Where one statement starts and ends. */
    public record Span(Position start, Position end) {
    }

    /**
     * The statements' spans, in document order.
     *
     * @throws MalformedPolicyException when the text is not a JSON object with a Statement (which a parsed document is)
     */
    public static List<Span> of(String document) {
        try (JsonParser parser = JSON.createParser(document)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedPolicyException("Policy document must be a JSON object.");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!field.equals("Statement")) {
                    parser.skipChildren();
                    continue;
                }
                List<Span> spans = new ArrayList<>();
                if (value == JsonToken.START_OBJECT) {
                    spans.add(span(parser));
                } else if (value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        spans.add(span(parser));
                    }
                }
                return spans;
            }
            throw new MalformedPolicyException("Policy document must contain a Statement element.");
        } catch (IOException e) {
            throw new MalformedPolicyException("Policy document is not valid JSON.");
        }
    }

    /** The span of the object whose opening brace the parser is on; leaves the parser on its closing brace. */
    private static Span span(JsonParser parser) throws IOException {
        Position start = position(parser.currentTokenLocation(), 0);
        parser.skipChildren();
        return new Span(start, position(parser.currentTokenLocation(), 1));
    }

    private static Position position(JsonLocation location, int after) {
        return new Position(location.getLineNr(), location.getColumnNr() + after);
    }
}
