package io.kspipeline.core.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives every command-line option a second and third source, so that one set of option definitions
 * serves the shell, Helm/compose (environment) and config files alike:
 *
 * <ol>
 *   <li>the flag on the command line (picocli itself);
 *   <li>the environment variable {@code PIPELINE_<OPTION>}: {@code --jdbc-url} ↔ {@code
 *       PIPELINE_JDBC_URL} (any of the option's long names, so an old name keeps working);
 *   <li>the key {@code <option>} ({@code jdbc-url}) in the properties file named by {@code
 *       PIPELINE_CONFIG_FILE};
 *   <li>the default in the option's definition.
 * </ol>
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
  public static final String CONFIG_FILE_VARIABLE = "PIPELINE_CONFIG_FILE";

  private final Map<String, String> environment;
  private final Properties file;

  public EnvironmentDefaults(Map<String, String> environment) {
    this.environment = environment;
    this.file = load(environment.get(CONFIG_FILE_VARIABLE));
  }

  public static EnvironmentDefaults fromSystem() {
    return new EnvironmentDefaults(System.getenv());
  }

  /**
   * The environment variable that sets an option: {@code --max-offsets} → {@code
   * PIPELINE_MAX_OFFSETS}.
   */
  public static String variableFor(String optionName) {
    return "PIPELINE_" + key(optionName).replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * The value set for any long name of the option: a renamed option keeps its old name as an alias,
   * and so its old variable and key; of two names set, the one declared first (the new) wins.
   */
  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return null;
    }
    List<String> names = Arrays.stream(option.names()).filter(n -> n.length() >= 3).toList();
    for (String name : names) {
      String fromEnvironment = environment.get(variableFor(name));
      if (fromEnvironment != null) {
        return fromEnvironment;
      }
    }
    for (String name : names) {
      String fromFile = file.getProperty(key(name));
      if (fromFile != null) {
        return fromFile;
      }
    }
    return null;
  }

  private static String key(String optionName) {
    return optionName.replaceFirst("^-+", "");
  }

  private static Properties load(String path) {
    Properties properties = new Properties();
    if (path == null || path.isBlank()) {
      return properties;
    }
    try (Reader in = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
      properties.load(in);
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + CONFIG_FILE_VARIABLE + "=" + path + ": " + e.getMessage(), e);
    }
  }
}
