Feature: Schema baseline
  The Diesel migrations in backend/migrations build the catalogue, descriptor and user-state
  schema on a real PostgreSQL, revert cleanly, and enforce their constraints.

  Scenario: All migrations apply to an empty database
    Given an empty database
    When the migrations are applied
    Then every baseline table exists
    And every table has a comment

  Scenario: Every migration reverts cleanly
    Given an empty database
    When the migrations are applied, reverted and applied again
    Then the revert left no tables, types or functions behind
    And the second application matches the first

  Scenario Outline: Constraints reject bad rows
    Given a migrated database
    When I insert <case>
    Then the insert is rejected as a <kind> violation of <constraint>

    Examples:
      | case                                         | kind        | constraint                                 |
      | a route stop for a missing point of interest | foreign key | route_pois_poi_source_poi_external_id_fkey |
      | a user whose display name has punctuation    | check       | users_display_name_format                  |
      | a second interest theme with the same slug   | unique      | interest_themes_slug_key                   |
