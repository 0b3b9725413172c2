package dev.mayfly.dev;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of ./mayfly's commands, read from the usage text that help prints: each command, its subcommands, and the
 * options of the command and of each subcommand. Shell completion is made from them, so that it can neither offer
 * what help does not explain nor miss what it does.
 *
 * <p>The usage text's shape: an entry starts two spaces in, with its signature ({@code bench audit [--rate 1000]},
 * {@code workload list | get NAME}) up to the first run of two spaces; its description continues deeper in. A
 * subcommand is a lowercase word right after the command or after a {@code " | "}; placeholders are uppercase; every
 * option of the entry is in its signature.
 */
record CommandWords(Map<String, Command> commands) {

    private static final String ENTRY_INDENT = "  ";
    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z0-9-]*");
    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9-]*");

    /**
     * @param options            the options of the command alone (and of any subcommand its entry does not describe)
     * @param subcommandOptions  the options of each subcommand whose entry lists them
     */
    record Command(Set<String> subcommands, Set<String> options, Map<String, Set<String>> subcommandOptions) {
    }

    static CommandWords of(String usage) {
        Map<String, Command> commands = new TreeMap<>();
        for (String entry : entries(usage)) {
            String signature = entry.strip().split(" {2,}", 2)[0];
            String[] tokens = signature.split(" ");
            Command command = commands.computeIfAbsent(tokens[0],
                    name -> new Command(new TreeSet<>(), new TreeSet<>(), new TreeMap<>()));
            String subcommand = tokens.length > 1 && WORD.matcher(tokens[1]).matches() ? tokens[1] : null;
            List<String> segments = List.of(signature.split(" \\| "));
            if (subcommand != null) {
                command.subcommands().add(subcommand);
            }
            segments.stream().skip(1).map(segment -> segment.strip().split(" ")[0])
                    .filter(word -> WORD.matcher(word).matches()).forEach(command.subcommands()::add);
            Set<String> options = subcommand == null ? command.options()
                    : command.subcommandOptions().computeIfAbsent(subcommand, name -> new TreeSet<>());
            // the signature's options only: descriptions mention other tools' options too
            Matcher option = OPTION.matcher(signature);
            while (option.find()) {
                options.add(option.group());
            }
        }
        return new CommandWords(commands);
    }

    /** Each entry's text: its first line and the deeper-indented lines that follow it. */
    private static List<String> entries(String usage) {
        List<String> entries = new ArrayList<>();
        StringBuilder entry = null;
        for (String line : usage.lines().toList()) {
            boolean starts = line.startsWith(ENTRY_INDENT) && !line.startsWith(ENTRY_INDENT + " ");
            boolean continues = entry != null && line.startsWith(ENTRY_INDENT + " ");
            if (starts || !continues) {
                if (entry != null) {
                    entries.add(entry.toString());
                }
                entry = starts ? new StringBuilder(line) : null;
            } else {
                entry.append('\n').append(line);
            }
        }
        if (entry != null) {
            entries.add(entry.toString());
        }
        return entries;
    }
}
