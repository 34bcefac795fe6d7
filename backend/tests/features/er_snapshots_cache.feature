Feature: Cold runs start from a cached data directory
  A throwaway cluster needs an initialised data directory. The first cold run on a machine
  initialises one template under the embedded PostgreSQL root; every later run starts from a
  fresh copy of it, which is removed when the run ends.

  Scenario: The second cold run starts from a copy of the cached template
    Given a fresh embedded PostgreSQL root and an empty output directory
    When er-snapshots runs against the migrations twice
    Then both runs succeed with byte-identical snapshots
    And the first run initialised the template and both ran on a copy of it
    And no copy or staging directory is left under the root

  Scenario: With the cache turned off no template is made
    Given a fresh embedded PostgreSQL root and an empty output directory
    When er-snapshots runs against the migrations with WILDSIDE_INITDB_CACHE=off
    Then the run succeeds without the cached data directory
    And no template exists under the root

  Scenario: A data directory named in PG_DATA_DIR is refused, not deleted
    Given a fresh embedded PostgreSQL root and an empty output directory
    And PG_DATA_DIR names a directory holding a file
    When er-snapshots runs against the migrations with that PG_DATA_DIR
    Then the run fails naming PG_DATA_DIR and the directory
    And the named directory still holds its file
