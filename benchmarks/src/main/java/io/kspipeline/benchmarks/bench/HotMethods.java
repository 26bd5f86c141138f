package io.kspipeline.benchmarks.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hottest code of a flight recording: share of CPU samples by top frame (self time), and by the
 * first frame of a chosen package prefix up the stack (where our code or an engine spends).
 */
final class HotMethods {
  private HotMethods() {}

  static List<String> summarize(Path recording, int top, String... packages) throws IOException {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> byPackage = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null
          || event.getStackTrace().getFrames().isEmpty()) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      self.merge(name(frames.get(0)), 1, Integer::sum);
      for (RecordedFrame frame : frames) {
        String method = name(frame);
        if (startsWithAny(method, packages)) {
          byPackage.merge(method, 1, Integer::sum);
          break;
        }
      }
    }
    List<String> lines = new java.util.ArrayList<>();
    lines.add(recording.getFileName() + ": " + samples + " CPU samples; self time:");
    lines.addAll(topOf(self, samples, top));
    if (packages.length > 0) {
      lines.add("  first frame in " + String.join(", ", packages) + ":");
      lines.addAll(topOf(byPackage, samples, top));
    }
    return lines;
  }

  private static boolean startsWithAny(String method, String... prefixes) {
    for (String prefix : prefixes) {
      if (method.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static List<String> topOf(Map<String, Integer> counts, int samples, int top) {
    return counts.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
        .limit(top)
        .map(
            e ->
                String.format(
                    Locale.ROOT, "    %5.1f%% %s", 100.0 * e.getValue() / samples, e.getKey()))
        .toList();
  }
}
