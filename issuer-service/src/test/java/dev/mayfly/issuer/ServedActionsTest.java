package dev.mayfly.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mayfly.issuer.analyzer.AccessAnalyzerEndpoint;
import dev.mayfly.issuer.protocol.AwsService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the issuer says it serves, three ways, held together: the actions its catalog registers (what its Query
 * endpoint dispatches), the checked-in list docs/served-actions.md, and the "Supported today" table users read. An
 * action added, removed or renamed in one place and not the others fails here.
 */
class ServedActionsTest {

    /** The checked-in list: a "## sts" or "## iam" heading, then "- ActionName" lines. */
    static final Path SERVED_ACTIONS = Path.of("..", "docs", "served-actions.md");

    /**
     * The document with the table of what is supported, and the heading the table follows. Its rows whose first cell
     * starts with "STS" or "IAM" must name, in code spans, exactly the actions served (see {@link SupportedTable}).
     */
    static final Path SUPPORTED_TABLE_DOCUMENT = Path.of("..", "docs", "compatibility.md");
    static final String SUPPORTED_TABLE_HEADING = "Supported today";

    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");
    private static final String ACCESS_ANALYZER_HEADING = "## access-analyzer";

    @Test
    void servedActionsWhenIssuerStartsThenAreThoseOfTheCheckedInList() {
        Map<AwsService, SortedSet<String>> listed = servedActionsList();
        for (AwsService service : AwsService.values()) {
            assertSameNames(IssuerFixture.issuer().servedActions(service), listed.get(service),
                    "the issuer's catalog", SERVED_ACTIONS + " (## " + key(service) + ")");
        }
    }

    /** IAM Access Analyzer's operations, REST routes of their own rather than Query actions: the list's last section. */
    @Test
    void accessAnalyzerOperationsWhenListedThenExactlyTheRoutesServed() {
        String list = read(SERVED_ACTIONS);
        assertThat(list).contains(ACCESS_ANALYZER_HEADING);
        SortedSet<String> listed = new TreeSet<>();
        list.substring(list.indexOf(ACCESS_ANALYZER_HEADING)).lines().filter(line -> line.startsWith("- "))
                .forEach(line -> listed.add(line.substring(2).strip()));
        SortedSet<String> served = new TreeSet<>();
        AccessAnalyzerEndpoint.ROUTES.routes().forEach(route -> served.add(route.operation()));
        assertSameNames(served, listed, "AccessAnalyzerEndpoint.ROUTES", SERVED_ACTIONS + " (" + ACCESS_ANALYZER_HEADING + ")");
    }

    @Test
    void supportedTableWhenReadThenNamesEveryServedActionAndNoOther() {
        Map<AwsService, SortedSet<String>> table = SupportedTable.read(SUPPORTED_TABLE_DOCUMENT, SUPPORTED_TABLE_HEADING);
        for (AwsService service : AwsService.values()) {
            assertSameNames(IssuerFixture.issuer().servedActions(service), table.get(service), "the issuer's catalog",
                    "the \"" + SUPPORTED_TABLE_HEADING + "\" table of " + SUPPORTED_TABLE_DOCUMENT + " (rows starting " + service + ")");
        }
    }

    /** So that a search for an action's name (AttachRolePolicy) finds the code that serves it. */
    @Test
    void servedActionNamesWhenSearchedThenAppearLiterallyInTheSources() throws IOException {
        String sources;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            sources = String.join("\n", files.filter(file -> file.toString().endsWith(".java")).map(ServedActionsTest::read).toList());
        }
        List<String> notLiteral = new ArrayList<>();
        for (AwsService service : AwsService.values()) {
            IssuerFixture.issuer().servedActions(service).stream().filter(name -> !sources.contains('"' + name + '"')).forEach(notLiteral::add);
        }
        assertThat(notLiteral).as("served actions whose name is not a string literal in %s (it is built by concatenation?)", MAIN_SOURCES)
                .isEmpty();
    }

    @Test
    void tableCellWhenItHasBracesParenthesesAndParametersThenYieldsTheActionsOnly() {
        assertThat(SupportedTable.actionsOf("`CreateRole` (trust policy, `Tags` (need `iam:TagRole`)), `{Get,Delete}{User,Role}Policy`,"
                + " `ListRoles`")).containsExactlyInAnyOrder("CreateRole", "GetUserPolicy", "GetRolePolicy", "DeleteUserPolicy",
                "DeleteRolePolicy", "ListRoles");
    }

    @Test
    void tableCellWhenACodeSpanIsNoActionNameThenRefused() {
        assertThatThrownBy(() -> SupportedTable.actionsOf("`ListRoles`, `Put/DeleteRolePolicy`"))
                .hasMessageContaining("Put/DeleteRolePolicy").hasMessageContaining("{Put,Delete}");
    }

    private static void assertSameNames(Set<String> served, Set<String> documented, String servedSource, String documentedSource) {
        SortedSet<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        SortedSet<String> notServed = new TreeSet<>(documented);
        notServed.removeAll(served);
        assertThat(undocumented.isEmpty() && notServed.isEmpty())
                .withFailMessage("in %s but not in %s: %s; in %s but not in %s: %s", servedSource, documentedSource, undocumented,
                        documentedSource, servedSource, notServed)
                .isTrue();
    }

    private static Map<AwsService, SortedSet<String>> servedActionsList() {
        Map<AwsService, SortedSet<String>> listed = emptyByService();
        AwsService service = null;
        for (String line : read(SERVED_ACTIONS).split("\n")) {
            if (line.equals(ACCESS_ANALYZER_HEADING)) {
                break; // the last section: REST operations, not Query actions
            }
            if (line.startsWith("## ")) {
                service = AwsService.valueOf(line.substring(3).strip().toUpperCase(Locale.ROOT));
            } else if (line.startsWith("- ")) {
                assertThat(service).as("%s: \"%s\" comes before any \"## sts\" or \"## iam\" heading", SERVED_ACTIONS, line).isNotNull();
                assertThat(listed.get(service).add(line.substring(2).strip())).as("%s lists %s twice", SERVED_ACTIONS, line).isTrue();
            }
        }
        return listed;
    }

    private static Map<AwsService, SortedSet<String>> emptyByService() {
        Map<AwsService, SortedSet<String>> byService = new EnumMap<>(AwsService.class);
        for (AwsService service : AwsService.values()) {
            byService.put(service, new TreeSet<>());
        }
        return byService;
    }

    private static String key(AwsService service) {
        return service.name().toLowerCase(Locale.ROOT);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath().normalize(), e);
        }
    }

    /**
     * The "Supported today" table, as far as STS and IAM go. The first Markdown table after a heading (any level) whose
     * text is the heading asked for; of its rows, those whose first cell starts with "STS" or "IAM" (case as written)
     * belong to that service. In a row's second cell, text in parentheses is description, and every code span outside
     * parentheses is an action name, or several written with braces: {@code `{Attach,Detach}{User,Role}Policy`} is
     * AttachUserPolicy, AttachRolePolicy, DetachUserPolicy and DetachRolePolicy. A code span that expands to anything
     * but letters is refused, so that a shorthand the test cannot read is not silently skipped.
     */
    static final class SupportedTable {

        private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
        private static final Pattern BRACES = Pattern.compile("\\{([^{}]*)}");
        private static final Pattern ACTION_NAME = Pattern.compile("[A-Za-z]+");

        private SupportedTable() {
        }

        static Map<AwsService, SortedSet<String>> read(Path document, String heading) {
            List<String> lines = List.of(ServedActionsTest.read(document).split("\n"));
            int start = 0;
            while (start < lines.size() && !lines.get(start).matches("#+\\s+" + Pattern.quote(heading) + "\\s*")) {
                start++;
            }
            assertThat(start).as("%s has no heading \"%s\" (the table of what is supported follows it)", document, heading)
                    .isLessThan(lines.size());
            int row = start + 1;
            while (row < lines.size() && !lines.get(row).startsWith("|")) {
                row++;
            }
            Map<AwsService, SortedSet<String>> actions = emptyByService();
            for (; row < lines.size() && lines.get(row).startsWith("|"); row++) {
                String[] cells = lines.get(row).split("\\|");
                if (cells.length < 3) {
                    continue;
                }
                String first = cells[1].strip();
                for (AwsService service : AwsService.values()) {
                    if (first.startsWith(service.name())) {
                        actions.get(service).addAll(actionsOf(cells[2]));
                    }
                }
            }
            return actions;
        }

        static List<String> actionsOf(String cell) {
            List<String> actions = new ArrayList<>();
            Matcher span = CODE_SPAN.matcher(outsideParentheses(cell));
            while (span.find()) {
                for (String name : expanded(span.group(1))) {
                    if (!ACTION_NAME.matcher(name).matches()) {
                        throw new IllegalArgumentException("`" + span.group(1) + "` in the supported table is not an action name: write"
                                + " alternatives in braces ({Put,Delete}RolePolicy) and parameters in parentheses");
                    }
                    actions.add(name);
                }
            }
            return actions;
        }

        /** The cell without what parentheses (nested or not) enclose outside code spans. */
        private static String outsideParentheses(String cell) {
            StringBuilder kept = new StringBuilder();
            int depth = 0;
            boolean inCode = false;
            for (char c : cell.toCharArray()) {
                if (c == '`' && depth == 0) {
                    inCode = !inCode;
                    kept.append(c);
                } else if (inCode) {
                    kept.append(c);
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth = Math.max(0, depth - 1);
                } else if (depth == 0) {
                    kept.append(c);
                }
            }
            return kept.toString();
        }

        private static List<String> expanded(String pattern) {
            Matcher braces = BRACES.matcher(pattern);
            if (!braces.find()) {
                return List.of(pattern);
            }
            List<String> names = new ArrayList<>();
            for (String alternative : braces.group(1).split(",", -1)) {
                names.addAll(expanded(pattern.substring(0, braces.start()) + alternative.strip() + pattern.substring(braces.end())));
            }
            return names;
        }
    }
}
