package io.kspipeline.jobs.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain views that read a PostgreSQL table, directly or through other views, with their
 * definitions, in an order they can be created in. PostgreSQL does not change the type of a column
 * a view reads, so such a change drops these views first and creates them again after.
 */
record DependentViews(List<View> views) {

  /** A view and the query it stands for. */
  record View(String name, String definition) {}

  private static final String QUERY =
      """
      WITH RECURSIVE dependent(oid, depth) AS (
        SELECT r.ev_class, 1 FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
         WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = CAST(? AS regclass)
           AND r.ev_class <> d.refobjid
        UNION
        SELECT r.ev_class, dependent.depth + 1
          FROM dependent JOIN pg_depend d ON d.refobjid = dependent.oid
          JOIN pg_rewrite r ON r.oid = d.objid
         WHERE d.classid = 'pg_rewrite'::regclass AND r.ev_class <> d.refobjid)
      SELECT v.oid::regclass::text AS name, pg_get_viewdef(v.oid) AS definition
        FROM dependent JOIN pg_class v ON v.oid = dependent.oid
       WHERE v.relkind = 'v'
       GROUP BY v.oid ORDER BY MAX(dependent.depth), 1
      """;

  static final DependentViews NONE = new DependentViews(List.of());

  DependentViews {
    views = List.copyOf(views);
  }

  static DependentViews read(Connection c, String table) throws SQLException {
    List<View> views = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(QUERY)) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String definition = rs.getString("definition").strip();
          views.add(
              new View(
                  rs.getString("name"),
                  definition.endsWith(";")
                      ? definition.substring(0, definition.length() - 1)
                      : definition));
        }
      }
    }
    return new DependentViews(views);
  }

  boolean isEmpty() {
    return views.isEmpty();
  }

  String names() {
    return String.join(", ", views.stream().map(View::name).toList());
  }

  String drop() {
    return "DROP VIEW " + names();
  }

  List<String> create() {
    return views.stream().map(v -> "CREATE VIEW " + v.name() + " AS " + v.definition()).toList();
  }
}
