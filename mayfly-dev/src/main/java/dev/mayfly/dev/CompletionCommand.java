package dev.mayfly.dev;

import java.io.PrintStream;
import java.util.Collection;

/**
 * ./mayfly completion bash|zsh: a completion script for the shell, made from the commands' usage ({@link CommandWords}).
 * zsh runs the same function through its bash-completion emulation (bashcompinit), which every zsh ships.
 */
final class CompletionCommand {

    static final String USAGE = """
            Usage: ./mayfly completion bash | zsh
            bash:  source <(./mayfly completion bash)      (or write it to ~/.local/share/bash-completion/completions/mayfly)
            zsh:   source <(./mayfly completion zsh)       (in ~/.zshrc)""";

    private CompletionCommand() {
    }

    static int run(String[] args, String usage, PrintStream out, PrintStream err) {
        if (args.length != 1 || !(args[0].equals("bash") || args[0].equals("zsh"))) {
            err.println(USAGE);
            return 2;
        }
        String bash = bash(CommandWords.of(usage));
        out.print(args[0].equals("zsh") ? "#compdef mayfly\nautoload -U +X bashcompinit && bashcompinit\n" + bash : bash);
        return 0;
    }

    static String bash(CommandWords words) {
        StringBuilder script = new StringBuilder("""
                # Completion for ./mayfly, made by ./mayfly completion from the commands' usage.
                _mayfly() {
                  local cur="${COMP_WORDS[COMP_CWORD]}" words=""
                  if [ "$COMP_CWORD" -eq 1 ]; then
                """);
        script.append("    words=\"").append(joined(words.commands().keySet())).append("\"\n");
        script.append("  else\n    case \"${COMP_WORDS[1]}\" in\n");
        words.commands().forEach((name, command) -> {
            script.append("      ").append(name).append(") words=\"").append(joined(command.options())).append('"');
            if (!command.subcommands().isEmpty()) {
                script.append("; [ \"$COMP_CWORD\" -eq 2 ] && words=\"$words ").append(joined(command.subcommands())).append('"');
            }
            script.append(" ;;\n");
        });
        script.append("    esac\n    if [ \"$COMP_CWORD\" -gt 2 ]; then\n      case \"${COMP_WORDS[1]} ${COMP_WORDS[2]}\" in\n");
        words.commands().forEach((name, command) -> command.subcommandOptions().forEach((subcommand, options) -> {
            script.append("        \"").append(name).append(' ').append(subcommand).append("\") words=\"").append(joined(options))
                    .append("\" ;;\n");
        }));
        script.append("""
                      esac
                    fi
                  fi
                  COMPREPLY=($(compgen -W "$words" -- "$cur"))
                }
                complete -o default -F _mayfly mayfly ./mayfly bin/mayfly
                """);
        return script.toString();
    }

    private static String joined(Collection<String> words) {
        return String.join(" ", words);
    }
}
