package io.kspipeline.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowSourceTest {
  @TempDir Path dir;

  private void append(Path file, String... lines) throws IOException {
    Files.writeString(
        file,
        String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static List<String> take(FollowSource source, int n) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(source.next().text());
    }
    return lines;
  }

  private FollowSource open(Path log) throws IOException {
    return new FollowSource(log, dir.resolve("pos"), Duration.ofMillis(10));
  }

  @Test
  void shouldReadAppendedLinesAndWaitForUnterminatedOnes() throws IOException {
    Path log = dir.resolve("access.log");
    append(log, "a", "b");
    Files.writeString(log, "partial", StandardOpenOption.APPEND);
    try (FollowSource source = open(log)) {
      assertThat(take(source, 2)).containsExactly("a", "b");
      Files.writeString(log, " line\n", StandardOpenOption.APPEND);
      assertThat(source.next().text()).isEqualTo("partial line");
    }
  }

  @Test
  void shouldFinishTheRotatedFileThenFollowTheNewOne() throws IOException {
    Path log = dir.resolve("access.log");
    append(log, "1", "2");
    try (FollowSource source = open(log)) {
      assertThat(take(source, 1)).containsExactly("1");
      Files.move(log, dir.resolve("access.log.1"));
      append(dir.resolve("access.log.1"), "3"); // written by the server before it reopened
      append(log, "4", "5");
      assertThat(take(source, 4)).containsExactly("2", "3", "4", "5");
    }
  }

  @Test
  void shouldStartOverWhenTheFileIsTruncated() throws IOException {
    Path log = dir.resolve("access.log");
    append(log, "old-1", "old-2");
    try (FollowSource source = open(log)) {
      assertThat(take(source, 2)).containsExactly("old-1", "old-2");
      Files.writeString(log, "new-1\n", StandardOpenOption.TRUNCATE_EXISTING);
      assertThat(source.next().text()).isEqualTo("new-1");
    }
  }

  @Test
  void shouldResumeFromTheSavedPositionAfterARestart() throws IOException {
    Path log = dir.resolve("access.log");
    append(log, "1", "2", "3");
    try (FollowSource source = open(log)) {
      assertThat(take(source, 2)).containsExactly("1", "2");
      source.checkpoint();
    }
    append(log, "4");
    try (FollowSource restarted = open(log)) {
      assertThat(take(restarted, 2)).containsExactly("3", "4");
    }
  }

  @Test
  void shouldReturnNullOnceStopped() throws IOException {
    Path log = dir.resolve("access.log");
    append(log, "only");
    try (FollowSource source = open(log)) {
      assertThat(source.next().text()).isEqualTo("only");
      source.stop();
      assertThat(source.next()).isNull();
    }
  }
}
