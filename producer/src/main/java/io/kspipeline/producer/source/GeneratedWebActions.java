package io.kspipeline.producer.source;

import io.kspipeline.producer.encode.WebActionRecord;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic user sessions as web-action JSON lines. Up to {@value #MAX_SESSIONS} sessions
 * run at once, their actions interleaved, each of one of {@value #USERS} simulated users (never two
 * of the same user at once): {@value #OPEN}, a mix of {@value #CLICK} and {@value #SEARCH} (about
 * six), sometimes a {@value #PURCHASE}, then {@value #CLOSE}. With a count, the last sessions are
 * planned shorter so that every session closes (with a count of 1: a lone {@value #OPEN}). The same
 * seed gives the same lines.
 */
public final class GeneratedWebActions extends GeneratedLines {
  public static final String OPEN = "Open";
  public static final String CLICK = "Click";
  public static final String SEARCH = "Search";
  public static final String PURCHASE = "Purchase";
  public static final String CLOSE = "Close";

  static final int USERS = 1_000;
  static final int MAX_SESSIONS = 50;

  /** An open session: its user and the actions it will still take. */
  private record Session(String userId, Deque<String> actions) {}

  private final SplittableRandom random;
  private final List<Session> sessions = new ArrayList<>();

  /** The actions the open sessions will still take, their closes included. */
  private long planned;

  /**
   * @param count lines to generate, or -1 for no end
   * @param actionsPerSecond spacing of the event times (not the send rate)
   */
  public GeneratedWebActions(long seed, long count, Instant start, double actionsPerSecond) {
    super(count, start, actionsPerSecond);
    this.random = new SplittableRandom(seed);
  }

  @Override
  String line(long n, Instant time) {
    long unplanned = linesFrom(n) - planned;
    Session session =
        unplanned > 0 && (sessions.isEmpty() || opensOneMore())
            ? open(unplanned)
            : sessions.get(random.nextInt(sessions.size()));
    String action = session.actions().removeFirst();
    planned--;
    if (session.actions().isEmpty()) {
      sessions.remove(session);
    }
    return new WebActionRecord(action, time, session.userId()).toJson();
  }

  /** The fewer sessions are open, the likelier a new one starts. */
  private boolean opensOneMore() {
    return sessions.size() < MAX_SESSIONS && random.nextInt(MAX_SESSIONS) >= sessions.size();
  }

  /** A new session of a user who has none open, planned to fit in {@code room} lines. */
  private Session open(long room) {
    List<String> actions = new ArrayList<>(List.of(OPEN));
    do {
      actions.add(random.nextInt(10) < 7 ? CLICK : SEARCH);
    } while (random.nextInt(6) != 0);
    if (random.nextInt(4) == 0) {
      actions.add(PURCHASE);
    }
    actions.add(CLOSE);
    fit(actions, room);
    Session session = new Session(freeUser(), new ArrayDeque<>(actions));
    sessions.add(session);
    planned += actions.size();
    return session;
  }

  /**
   * Shortens a plan (from its end, keeping the close) to fit in {@code room} lines, or lengthens it
   * by a click if it would leave exactly one: no later session fits in one line.
   */
  static void fit(List<String> actions, long room) {
    if (room < 2) {
      actions.subList(1, actions.size()).clear();
      return;
    }
    while (actions.size() > room) {
      actions.remove(actions.size() - 2);
    }
    if (room - actions.size() == 1) {
      actions.add(1, CLICK);
    }
  }

  private String freeUser() {
    while (true) {
      String userId = "u" + (1 + random.nextInt(USERS));
      if (sessions.stream().noneMatch(s -> s.userId().equals(userId))) {
        return userId;
      }
    }
  }
}
