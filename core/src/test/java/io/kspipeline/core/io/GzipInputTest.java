package io.kspipeline.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipInputTest {
  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static String read(byte[] input) throws IOException {
    try (InputStream in = GzipInput.decompressing(new ByteArrayInputStream(input))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void shouldDecompressGzipWhateverItIsCalled() throws IOException {
    assertThat(read(gzip("{\"id\":\"1\"}\n"))).isEqualTo("{\"id\":\"1\"}\n");
  }

  @Test
  void shouldReadEveryMemberOfConcatenatedGzip() throws IOException {
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.write(gzip("one\n"));
    both.write(gzip("two\n"));

    assertThat(read(both.toByteArray())).isEqualTo("one\ntwo\n");
  }

  @Test
  void shouldPassPlainShortAndEmptyInputThroughUnchanged() throws IOException {
    assertThat(read("plain ü\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("plain ü\n");
    assertThat(read(new byte[] {0x1f})).isEqualTo("\u001f");
    assertThat(read(new byte[0])).isEmpty();
  }
}
