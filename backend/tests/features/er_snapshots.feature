Feature: ER diagram snapshots
  The er-snapshots command applies the migrations to a temporary database on an embedded
  PostgreSQL cluster, introspects it and writes deterministic Mermaid and SVG diagrams, as a
  whole set or not at all; --check reports drift without writing.

  Scenario: Snapshots are generated from the migrations
    Given an empty output directory with the checked-in groups config
    When er-snapshots runs against the migrations
    Then the command succeeds
    And the whole-schema and group diagrams are written as Mermaid and SVG
    And every baseline table appears in the whole-schema diagram

  Scenario: A failing renderer leaves no partial artefacts
    Given an output directory holding earlier snapshots
    When er-snapshots runs with a renderer that cannot start
    Then the command fails naming the renderer
    And the earlier snapshots are unchanged byte for byte

  Scenario: A rerun is byte-identical
    Given an output directory holding fresh snapshots
    When er-snapshots runs against the migrated database
    Then the command succeeds
    And no snapshot file changed

  Scenario: Check passes on fresh snapshots
    Given an output directory holding fresh snapshots
    When er-snapshots --check runs against the migrated database
    Then the command succeeds
    And no snapshot file changed

  Scenario: Check fails after a new migration
    Given an output directory holding fresh snapshots
    And a new migration that adds a table
    When er-snapshots --check runs against the migrations
    Then the command exits with status 1
    And the report shows a diff adding the new table
    And no snapshot file changed
