package io.kspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** shellcheck finds nothing in the project's scripts (following the files they source). */
class ShellScriptsIT {
  static Stream<String> scripts() throws IOException {
    Path root = Repository.root();
    try (Stream<Path> ci = Files.list(root.resolve(".ci"));
        Stream<Path> deploy = Files.walk(root.resolve("deploy"))) {
      List<Path> deployScripts =
          deploy
              .filter(p -> p.toString().endsWith(".sh"))
              .filter(p -> !p.startsWith(root.resolve("deploy/target")))
              .toList();
      return Stream.concat(
          Stream.of(root.resolve("bin/pipeline")),
          Stream.concat(ci.filter(Files::isRegularFile), deployScripts.stream()))
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("scripts")
  void passesShellcheck(String script) {
    ExternalTool shellcheck = ExternalTool.require("shellcheck");

    ExternalTool.Result result =
        shellcheck.run(Repository.root(), "--external-sources", "--severity=info", script);

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @ParameterizedTest
  @MethodSource("scripts")
  void isExecutableUnlessSourced(String script) {
    Path file = Repository.path(script);
    boolean sourced = Repository.read(file).startsWith("# shellcheck shell=");
    assertThat(Files.isExecutable(file)).as(script).isEqualTo(!sourced);
  }
}
