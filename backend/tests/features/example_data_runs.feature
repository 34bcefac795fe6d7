Feature: Example-data markers
  Each applied seed leaves one row in example_data_runs, written in the same transaction as
  its users; the marker, not a count of users, decides whether a seed has run.

  Scenario: The first record of a seed applies it
    Given a migrated database without example data
    When seed "mossy-owl" is applied from the committed registry
    Then the seeding outcome is "applied"
    And the markers are "mossy-owl"
    And the marker of "mossy-owl" records seed 7814, 12 users and the plan's digest

  Scenario: A second record of the same seed is detected
    Given a migrated database without example data
    And seed "mossy-owl" was applied from the committed registry
    When seed "mossy-owl" is applied from the committed registry
    Then the seeding outcome is "already applied"
    And the markers are "mossy-owl"
    And the database holds 12 users

  Scenario: Seed keys are independent
    Given a migrated database without example data
    And seed "mossy-owl" was applied from the committed registry
    When seed "verdant-glade" is applied from the committed registry
    Then the seeding outcome is "applied"
    And the markers are "mossy-owl, verdant-glade"
    And the database holds 60 users
