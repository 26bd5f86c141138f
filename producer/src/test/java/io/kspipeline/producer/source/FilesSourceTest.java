package io.kspipeline.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesSourceTest {
  private static final String TEXT = "{\"id\":\"1\"}\r\nzwei ü\n\nlast without newline";
  private static final List<String> LINES =
      List.of("{\"id\":\"1\"}", "zwei ü", "", "last without newline");

  @TempDir Path dir;

  private Path plain(String name) throws IOException {
    return Files.writeString(dir.resolve(name), TEXT, StandardCharsets.UTF_8);
  }

  private Path gzipped(String name) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(TEXT.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  private static List<InputLine> readAll(LineSource source) throws IOException {
    List<InputLine> lines = new ArrayList<>();
    for (InputLine line = source.next(); line != null; line = source.next()) {
      lines.add(line);
    }
    return lines;
  }

  private static List<String> texts(Path file) throws IOException {
    try (FilesSource source = new FilesSource(List.of(file.toString()))) {
      List<String> texts = readAll(source).stream().map(InputLine::text).toList();
      assertThat(source.bytesRead()).isEqualTo(Files.size(file)).isEqualTo(source.totalBytes());
      return texts;
    }
  }

  @Test
  void shouldReadGzippedFilesByTheirContentWhateverTheirNames() throws IOException {
    assertThat(texts(plain("tweets.jsonl"))).isEqualTo(LINES);
    assertThat(texts(gzipped("tweets.jsonl.gz"))).isEqualTo(LINES);
    assertThat(texts(gzipped("archive-without-suffix.jsonl"))).isEqualTo(LINES);
    assertThat(texts(plain("unzipped-but-named.gz"))).isEqualTo(LINES);
  }

  @Test
  void shouldNumberTheLinesOfEachFileInGlobOrder() throws IOException {
    gzipped("part-1.jsonl");
    plain("part-2.jsonl");

    try (FilesSource source = new FilesSource(List.of(dir.resolve("part-*.jsonl").toString()))) {
      assertThat(readAll(source))
          .extracting(line -> dir.relativize(Path.of(line.location())).toString())
          .containsExactly(
              "part-1.jsonl:1",
              "part-1.jsonl:2",
              "part-1.jsonl:3",
              "part-1.jsonl:4",
              "part-2.jsonl:1",
              "part-2.jsonl:2",
              "part-2.jsonl:3",
              "part-2.jsonl:4");
    }
  }

  @Test
  void shouldReadGzippedStandardInput() throws IOException {
    Path file = gzipped("stdin.gz");
    StdinSource source = new StdinSource(new ByteArrayInputStream(Files.readAllBytes(file)));

    assertThat(readAll(source)).extracting(InputLine::text).isEqualTo(LINES);
  }
}
