Feature: example-data command line
  The CLI runs as a real process against a temporary copy of the committed registry.

  Background:
    Given a copy of the committed registry

  Scenario: Adding a seed with a generated name
    When I run "add --seed 42 --user-count 5"
    Then the command succeeds
    And the output reports seed "golden-newt" was added
    And the registry has a seed "golden-newt" with seed 42 and 5 users
    And the registry still holds its earlier seeds

  Scenario: Adding a seed with neither name nor seed
    When I run "add"
    Then the command succeeds
    And the registry gained one seed with a memorable name of 12 users

  Scenario: Adding a seed with an explicit name
    When I run "add --name riverside-demo --seed 9"
    Then the command succeeds
    And the registry has a seed "riverside-demo" with seed 9 and 12 users

  Scenario: A duplicate name is rejected and the file is unchanged
    When I run "add --name mossy-owl --seed 5"
    Then the command fails mentioning "a seed named `mossy-owl` already exists"
    And the registry file is unchanged

  Scenario Outline: An invalid registry is rejected and left untouched
    Given the registry copy has <pointer> set to <value>
    When I run "<command>"
    Then the command fails mentioning "<json_path>"
    And the registry file is unchanged

    Examples:
      | command        | pointer             | value        | json_path           |
      | validate       | /seeds/0/seed       | -1           | seeds[0].seed       |
      | add --seed 3   | /seeds/1/userCount  | 0            | seeds[1].userCount  |
      | list           | /version            | 7            | version             |
      | show mossy-owl | /safetyToggles/2/id | "not-a-uuid" | safetyToggles[2].id |

  Scenario: Showing a seed prints the same users on every run
    When I run "show mossy-owl --format json" twice
    Then both runs print the same 12 users

  Scenario: Previewing and listing
    When I run "show verdant-glade --limit 3"
    Then the command succeeds
    And the output has 4 lines
    When I run "list"
    Then the output lists the seeds "mossy-owl" and "verdant-glade"
