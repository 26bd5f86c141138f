package io.kspipeline.core.inspect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.kspipeline.core.io.GzipInput;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * Turns UTF-8 text lines, gzipped or not, into UTF-8 JSON lines, one input line at a time, so input
 * of any length streams through. Output is flushed whenever no more input is waiting, so an
 * interactive user or a pipe sees each answer promptly, and at the end.
 */
final class JsonLines {
  private static final JsonFactory JSON = new JsonFactory();

  /** Writes the JSON values for one input line; each value is followed by a newline. */
  @FunctionalInterface
  interface Translator {
    void translate(String line, JsonLines out) throws IOException;
  }

  private final JsonGenerator json;

  private JsonLines(JsonGenerator json) {
    this.json = json;
  }

  static void translate(InputStream input, OutputStream output, Translator translator)
      throws IOException {
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(GzipInput.decompressing(input), StandardCharsets.UTF_8));
    JsonGenerator json =
        JSON.createGenerator(
            new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8)));
    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // never close stdout
    json.setRootValueSeparator(null); // values are separated by the newline we write
    JsonLines out = new JsonLines(json);
    String line;
    while ((line = reader.readLine()) != null) {
      translator.translate(line, out);
      if (!reader.ready()) {
        json.flush();
      }
    }
    json.flush();
  }

  /** The generator to write one complete value with; call {@link #endValue()} after it. */
  JsonGenerator json() {
    return json;
  }

  void endValue() throws IOException {
    json.writeRaw('\n');
  }

  /** {@code {"<key>": "<value>"}}, e.g. an error. */
  void writeSingleField(String key, String value) throws IOException {
    json.writeStartObject();
    json.writeStringField(key, value);
    json.writeEndObject();
    endValue();
  }
}
