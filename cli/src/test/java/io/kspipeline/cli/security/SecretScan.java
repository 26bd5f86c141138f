package io.kspipeline.cli.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Counts where secrets occur in texts and in every file under some directories. Findings name the
 * secret by its label and show the first line it was on with the secret masked, so the report
 * itself does not leak it.
 */
final class SecretScan {
  private final Map<String, String> secretsByLabel;
  private final Map<String, Integer> hits = new LinkedHashMap<>();

  /** Label to secret value. */
  SecretScan(Map<String, String> secretsByLabel) {
    this.secretsByLabel = new LinkedHashMap<>(secretsByLabel);
  }

  SecretScan text(String source, String text) {
    secretsByLabel.forEach(
        (label, secret) -> {
          int count = occurrences(text, secret);
          if (count > 0) {
            String line = lineAround(text, text.indexOf(secret)).replace(secret, "<" + label + ">");
            hits.merge(source + ": " + label + " in \"" + line + "\"", count, Integer::sum);
          }
        });
    return this;
  }

  private static String lineAround(String text, int at) {
    int start = text.lastIndexOf('\n', at) + 1;
    int end = text.indexOf('\n', at);
    String line = text.substring(start, end < 0 ? text.length() : end);
    return line.length() > 600 ? line.substring(0, 600) + "..." : line;
  }

  SecretScan files(Path root) {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path file : files) {
      try {
        text(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return this;
  }

  /** Where each secret was found, with the number of times; empty when none was. */
  Map<String, Integer> findings() {
    return hits;
  }

  int total() {
    return hits.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static int occurrences(String text, String secret) {
    int count = 0;
    for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
      count++;
    }
    return count;
  }
}
