package io.kspipeline.core.logs;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compiles an Apache {@code LogFormat} string ({@code %h %l %u %t "%r" %>s %b}) into a {@link
 * LogLayout}. A directive between double quotes is read as a quoted field. Directives whose value
 * is not part of {@link AccessLogRecord} ({@code %D}, {@code %T}, {@code %I}, other headers ...)
 * are read past; an unknown directive is rejected here, not line by line.
 */
final class LogFormat {
  static final String COMMON = "%h %l %u %t \"%r\" %>s %b";
  static final String COMBINED = COMMON + " \"%{Referer}i\" \"%{User-Agent}i\"";
  static final String VHOST_COMBINED =
      "%v:%p %h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"";

  private static final Map<String, String> NAMED =
      Map.of("common", COMMON, "combined", COMBINED, "vhost_combined", VHOST_COMBINED);

  /** Directives that are valid but feed no record field. */
  private static final String IGNORED_LETTERS = "ADTISkLPRXfqCeno";

  private final String format;
  private final List<Object> parts = new ArrayList<>(); // StringBuilder literals and Directives
  private final Set<Slot> filled = EnumSet.noneOf(Slot.class);

  private LogFormat(String format) {
    this.format = format;
  }

  /** A name ({@code common}, {@code combined}, {@code vhost_combined}) or a LogFormat string. */
  static LogLayout compile(String formatOrName) {
    String format = NAMED.getOrDefault(formatOrName.trim(), formatOrName);
    return new LogFormat(format).compile();
  }

  /**
   * A layout whose steps from the one after {@code %b} are optional: Common lines, and Combined
   * lines with anything appended, both parse.
   */
  static LogLayout withOptionalTailAfterContentSize(String format) {
    LogLayout layout = compile(format);
    List<Step> steps = layout.steps();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) instanceof Step.Field field && field.slot() == Slot.CONTENT_SIZE) {
        return new LogLayout(steps, i + 1);
      }
    }
    throw new IllegalArgumentException("no %b in " + format);
  }

  private record Directive(String text, Slot slot) {
    String fieldName() {
      return slot == Slot.IGNORED ? text : slot.description();
    }
  }

  private LogLayout compile() {
    if (format.isBlank()) {
      throw new IllegalArgumentException("empty LogFormat");
    }
    tokenize();
    if (!filled.contains(Slot.TIMESTAMP) || !filled.contains(Slot.STATUS)) {
      throw new IllegalArgumentException(
          "LogFormat needs %t and %>s (every record has a timestamp and a status): " + format);
    }
    return LogLayout.allRequired(toSteps());
  }

  private void tokenize() {
    boolean hasBodySize = format.contains("%b") || format.contains("%B");
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c == '\\' && i + 1 < format.length()) {
        // Formats pasted from httpd.conf escape their quotes: \"%r\".
        literal.append(unescape(format.charAt(i + 1)));
        i += 2;
      } else if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == '%') {
        literal.append('%');
        i += 2;
      } else if (c == '%') {
        int end = directiveEnd(i);
        if (literal.length() > 0) {
          parts.add(literal);
          literal = new StringBuilder();
        }
        parts.add(directive(i, end, hasBodySize));
        i = end;
      } else {
        literal.append(c);
        i++;
      }
    }
    if (literal.length() > 0) {
      parts.add(literal);
    }
  }

  private static char unescape(char c) {
    return switch (c) {
      case 'n' -> '\n';
      case 't' -> '\t';
      default -> c;
    };
  }

  /** End (exclusive) of the directive at {@code start}: {@code %[<>][conditions][{arg}]letter}. */
  private int directiveEnd(int start) {
    int i = start + 1;
    while (i < format.length() && "<>!,0123456789".indexOf(format.charAt(i)) >= 0) {
      i++;
    }
    boolean hasArgument = false;
    if (i < format.length() && format.charAt(i) == '{') {
      int close = format.indexOf('}', i);
      if (close < 0) {
        throw error("unterminated %{...} at position " + (start + 1));
      }
      i = close + 1;
      hasArgument = true;
    }
    if (i < format.length() && format.charAt(i) == '^') {
      // %{VARNAME}^ti, %{VARNAME}^to. Without the {...}, "%^%{" made '{' the letter of a
      // directive with no '}', and compiling threw StringIndexOutOfBounds (found by fuzzing).
      if (!hasArgument) {
        throw error("%^ needs a %{VARNAME} before it, at position " + (start + 1));
      }
      i += 2;
    }
    if (i >= format.length()) {
      throw error("incomplete directive at position " + (start + 1));
    }
    return i + 1;
  }

  private Directive directive(int start, int end, boolean hasBodySize) {
    String text = format.substring(start, end);
    char letter = format.charAt(end - 1);
    int open = text.indexOf('{');
    String argument = open < 0 ? null : text.substring(open + 1, text.indexOf('}'));
    boolean extended = text.contains("^");
    Slot slot = extended ? Slot.IGNORED : slotOf(letter, argument, hasBodySize, text, start);
    if (slot != Slot.IGNORED && !filled.add(slot)) {
      slot = Slot.IGNORED; // the first directive for a field wins, e.g. %h before %a
    }
    return new Directive(text, slot);
  }

  private Slot slotOf(char letter, String argument, boolean hasBodySize, String text, int start) {
    switch (letter) {
      case 'h', 'a':
        return Slot.CLIENT;
      case 'l':
        return Slot.IDENT;
      case 'u':
        return Slot.USER;
      case 't':
        if (argument != null) {
          throw error("custom time format " + text + " is not supported; log the time with %t");
        }
        return Slot.TIMESTAMP;
      case 'r':
        return Slot.REQUEST;
      case 's':
        return Slot.STATUS;
      case 'b', 'B':
        return Slot.CONTENT_SIZE;
      case 'O':
        // Bytes sent with headers: the best size there is when the format logs no %b.
        return hasBodySize ? Slot.IGNORED : Slot.CONTENT_SIZE;
      case 'v', 'V':
        return Slot.VIRTUAL_HOST;
      case 'p':
        return argument == null || argument.equals("canonical") ? Slot.PORT : Slot.IGNORED;
      case 'm':
        return Slot.METHOD;
      case 'U':
        return Slot.ENDPOINT;
      case 'H':
        return Slot.PROTOCOL;
      case 'i':
        if (argument == null) {
          throw error("%i needs a header name, e.g. %{Referer}i, at position " + (start + 1));
        }
        return header(argument);
      default:
        if (IGNORED_LETTERS.indexOf(letter) >= 0) {
          return Slot.IGNORED;
        }
        throw error("unknown LogFormat directive " + text + " at position " + (start + 1));
    }
  }

  private static Slot header(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "referer", "referrer" -> Slot.REFERRER;
      case "user-agent" -> Slot.USER_AGENT;
      default -> Slot.IGNORED;
    };
  }

  /**
   * Turns parts into steps. A directive (other than %t, which brings its brackets) is quoted when
   * the literal before it ends with a double quote and the one after it starts with one; those
   * quotes then belong to the field.
   */
  private List<Step> toSteps() {
    int count = parts.size();
    boolean[] quoted = new boolean[count];
    for (int i = 0; i < count; i++) {
      if (parts.get(i) instanceof Directive d && d.slot() != Slot.TIMESTAMP) {
        quoted[i] = endsWithQuote(i - 1) && startsWithQuote(i + 1);
      }
    }
    String[] literals = new String[count];
    for (int i = 0; i < count; i++) {
      if (parts.get(i) instanceof StringBuilder text) {
        int from = i > 0 && quoted[i - 1] ? 1 : 0;
        int to = text.length() - (i + 1 < count && quoted[i + 1] ? 1 : 0);
        if (to < from) {
          throw error("a single '\"' cannot close one field and open the next");
        }
        literals[i] = text.substring(from, to);
      }
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (literals[i] != null) {
        if (!literals[i].isEmpty()) {
          boolean opensQuote = i + 1 < count && quoted[i + 1];
          steps.add(new Step.Literal(literals[i], nextFieldName(i), opensQuote));
        }
        continue;
      }
      Directive d = (Directive) parts.get(i);
      boolean delimited = quoted[i] || d.slot() == Slot.TIMESTAMP;
      boolean last = i + 1 == count;
      if (!delimited && !last && parts.get(i + 1) instanceof Directive following) {
        throw error(
            "directives " + d.text() + " and " + following.text() + " need text between them");
      }
      // The unstripped literal's first character: a quote opening the next field stops us too.
      char stop = !last && parts.get(i + 1) instanceof StringBuilder next ? next.charAt(0) : ' ';
      steps.add(new Step.Field(d.slot(), d.fieldName(), quoted[i], stop));
    }
    return steps;
  }

  private boolean endsWithQuote(int index) {
    return index >= 0
        && parts.get(index) instanceof StringBuilder text
        && text.charAt(text.length() - 1) == '"';
  }

  private boolean startsWithQuote(int index) {
    return index < parts.size()
        && parts.get(index) instanceof StringBuilder text
        && text.charAt(0) == '"';
  }

  private String nextFieldName(int index) {
    for (int i = index + 1; i < parts.size(); i++) {
      if (parts.get(i) instanceof Directive d) {
        return d.fieldName();
      }
    }
    return "end of the line";
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " in LogFormat \"" + format + "\"");
  }
}
