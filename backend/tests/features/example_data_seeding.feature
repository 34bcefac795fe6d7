Feature: Example-data seeding
  A named seed from the registry is planned, then written once in one transaction: the
  marker, the descriptor catalogue, users, preferences and followed interest themes.

  Scenario: The first run applies the seed with exact row counts
    Given a migrated database without example data
    When seed "verdant-glade" is applied from the committed registry
    Then the seeding outcome is "applied"
    And the reported counts equal the plan's
    And the tables hold exactly the plan's rows

  Scenario: A rerun is skipped and the counts are unchanged
    Given a migrated database without example data
    And seed "verdant-glade" was applied from the committed registry
    When seed "verdant-glade" is applied from the committed registry
    Then the seeding outcome is "already applied"
    And the tables hold exactly the plan's rows

  Scenario: An unknown seed is an error and writes nothing
    Given a migrated database without example data
    When seed "no-such-seed" is applied from the committed registry
    Then seeding fails naming "no-such-seed" and the registry file
    And nothing was written

  Scenario: An invalid registry path is an error and writes nothing
    Given a migrated database without example data
    When seed "mossy-owl" is applied from a registry file that does not exist
    Then seeding fails naming "mossy-owl" and the registry file
    And nothing was written

  Scenario: A failure mid-seed rolls everything back
    Given a migrated database without example data
    And a user already holds the id of the seed's last user
    When seed "verdant-glade" is applied from the committed registry
    Then seeding fails naming "verdant-glade" and the step "copy users"
    And no marker and no seeded user remain

  Scenario: Eight concurrent seeders apply the seed exactly once
    Given a migrated database without example data
    When eight seeders apply seed "verdant-glade" at once, each on its own connection
    Then exactly one reports "applied" and seven report "already applied"
    And the tables hold exactly the plan's rows
