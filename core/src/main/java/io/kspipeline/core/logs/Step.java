package io.kspipeline.core.logs;

import java.io.Serializable;

/** One piece of a compiled LogFormat: fixed text, or a field. */
sealed interface Step extends Serializable permits Step.Literal, Step.Field {

  /** Consumes this step's part of the line; false (with the scanner's error set) if it is not. */
  boolean read(LineScanner in, RecordDraft draft);

  /**
   * Text the line must contain here, e.g. {@code " ["}.
   *
   * @param before the field that follows, to name it in reasons
   * @param opensQuote the field that follows is quoted, so its opening quote comes next
   */
  record Literal(String text, String before, boolean opensQuote) implements Step {
    /** Whether the line goes on with this literal (and the quote it leads to). */
    boolean continuesAt(LineScanner in) {
      return in.lookingAt(text) && (!opensQuote || in.charAfter(text.length()) == '"');
    }

    @Override
    public boolean read(LineScanner in, RecordDraft draft) {
      if (in.lookingAt(text)) {
        in.skip(text.length());
        return true;
      }
      return in.failExpected(describe(text), before);
    }

    private static String describe(String text) {
      return text.length() == 1 ? "'" + text + "'" : "\"" + text + "\"";
    }
  }

  /**
   * A directive's value.
   *
   * @param name how reasons name the field: "status", or the directive of an ignored one
   * @param quoted the format puts it in double quotes, so it may contain spaces and escapes
   * @param stop the character that ends an unquoted value: the next literal's first
   */
  record Field(Slot slot, String name, boolean quoted, char stop) implements Step {
    private static final int MAX_SIZE_DIGITS = 18; // stays below Long.MAX_VALUE

    @Override
    public boolean read(LineScanner in, RecordDraft draft) {
      boolean taken =
          quoted
              ? in.takeQuoted(name)
              : slot == Slot.TIMESTAMP ? in.takeBracketed(name) : in.takeToken(stop, name);
      if (!taken) {
        return false;
      }
      return switch (slot) {
        case TIMESTAMP -> readTimestamp(in, draft);
        case REQUEST -> readRequest(in, draft);
        case STATUS -> readStatus(in, draft);
        case CONTENT_SIZE -> readContentSize(in, draft);
        default -> {
          draft.setText(slot, in.valueOrNull());
          yield true;
        }
      };
    }

    private static boolean readTimestamp(LineScanner in, RecordDraft draft) {
      long epochSecond = ClfTimestamp.epochSecond(in);
      draft.epochSecond = epochSecond;
      return epochSecond != ClfTimestamp.INVALID;
    }

    private static boolean readRequest(LineScanner in, RecordDraft draft) {
      if (!in.valueIsDash()) {
        RequestLine.split(in.valueSource(), in.valueStart(), in.valueEnd(), draft);
      }
      return true;
    }

    /** Three digits, 100–999 (nginx logs 444 and 499, so not only the standard classes). */
    private static boolean readStatus(LineScanner in, RecordDraft draft) {
      String s = in.valueSource();
      int at = in.valueStart();
      if (in.valueEnd() - at != 3) {
        return in.failValue("status");
      }
      int status = 0;
      for (int i = at; i < at + 3; i++) {
        int digit = s.charAt(i) - '0';
        if (digit < 0 || digit > 9) {
          return in.failValue("status");
        }
        status = status * 10 + digit;
      }
      if (status < 100) {
        return in.failValue("status");
      }
      draft.status = status;
      return true;
    }

    private static boolean readContentSize(LineScanner in, RecordDraft draft) {
      if (in.valueIsDash()) {
        draft.contentSize = null;
        return true;
      }
      String s = in.valueSource();
      int at = in.valueStart();
      int end = in.valueEnd();
      if (end - at > MAX_SIZE_DIGITS) {
        return in.failValue("content size");
      }
      long size = 0;
      for (int i = at; i < end; i++) {
        int digit = s.charAt(i) - '0';
        if (digit < 0 || digit > 9) {
          return in.failValue("content size");
        }
        size = size * 10 + digit;
      }
      draft.contentSize = size;
      return true;
    }
  }
}
