package io.kspipeline.core.config;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * What picocli warns while rendering help, such as {@code [picocli WARN] Could not format ...} for
 * a description with a bare {@code %}: picocli prints it to System.err (through its tracer) rather
 * than failing, so only a test that renders every command's help will notice.
 */
public final class HelpWarnings {
  private static final String PICOCLI_WARNING = "[picocli WARN]";

  private HelpWarnings() {}

  /**
   * Renders the help of a command and of all its subcommands, as {@code --help} does, and returns
   * picocli's warnings, one per line (the first line of each).
   *
   * @param rendered told the qualified name of each command rendered, e.g. {@code produce tweets}
   */
  public static List<String> of(Object command, Consumer<String> rendered) {
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    synchronized (HelpWarnings.class) {
      PrintStream systemErr = System.err;
      try {
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        render(PipelineCommandLine.create(command), rendered);
      } finally {
        System.setErr(systemErr);
      }
    }
    // Only picocli's: System.err also carries whatever else the JVM prints meanwhile (a Java
    // agent, a class loaded for the first time).
    return warnings
        .toString(StandardCharsets.UTF_8)
        .lines()
        .filter(line -> line.startsWith(PICOCLI_WARNING))
        .toList();
  }

  private static void render(CommandLine command, Consumer<String> rendered) {
    command.getUsageMessage();
    rendered.accept(command.getCommandSpec().qualifiedName());
    // An alias maps to the same CommandLine: render each once.
    Set.copyOf(command.getSubcommands().values()).stream()
        .sorted((a, b) -> a.getCommandName().compareTo(b.getCommandName()))
        .forEach(sub -> render(sub, rendered));
  }
}
