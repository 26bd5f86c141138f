package io.kspipeline.core.logs;

import java.io.Serializable;
import java.util.List;

/**
 * A compiled LogFormat: the steps that read a line, in order. Text after the last step is ignored
 * (servers often append fields). Immutable and thread-safe.
 *
 * @param optionalFrom index of the first step of an optional tail (the referrer and user agent that
 *     make Common lines Combined), or {@code steps.size()} when every step is required; the tail is
 *     read only when the line continues with its opening literal
 */
record LogLayout(List<Step> steps, int optionalFrom) implements Serializable {

  LogLayout {
    steps = List.copyOf(steps);
    if (optionalFrom < steps.size() && !(steps.get(optionalFrom) instanceof Step.Literal)) {
      throw new IllegalArgumentException("an optional tail must start with a literal");
    }
  }

  static LogLayout allRequired(List<Step> steps) {
    return new LogLayout(steps, steps.size());
  }

  ParseOutcome parse(String line) {
    LineScanner in = new LineScanner(line);
    RecordDraft draft = new RecordDraft();
    int count = steps.size();
    for (int i = 0; i < count; i++) {
      Step step = steps.get(i);
      if (i >= optionalFrom && step instanceof Step.Literal literal && !literal.continuesAt(in)) {
        break;
      }
      if (!step.read(in, draft)) {
        return new ParseOutcome.Rejected(in.error());
      }
    }
    return new ParseOutcome.Parsed(draft.toRecord());
  }
}
