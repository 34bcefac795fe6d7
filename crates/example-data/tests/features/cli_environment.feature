Feature: example-data in its surroundings
  The binary finds the committed registry from the working directory, so a build from one
  checkout works in another, and it ends quietly when its reader goes away.

  Scenario: Without --registry the registry is found from the working directory
    Given a workspace holding a copy of the committed registry
    When I run "add --name found-it --seed 5" in "backend/src" without --registry
    Then the command succeeds
    And the output reports seed "found-it" was added
    And the registry has a seed "found-it" with seed 5 and 12 users

  Scenario: A workspace without the registry is named in the error
    Given a workspace without a registry
    When I run "list" in "backend/src" without --registry
    Then the command fails mentioning "cannot read registry"

  Scenario: Outside any workspace the error names the working directory
    Given a directory outside any workspace
    When I run "list" in "deep/inside" without --registry
    Then the command fails mentioning "no Cargo.toml with a `[workspace]` table in"

  Scenario Outline: A reader that closes the pipe early ends the run quietly
    Given a copy of the committed registry
    When I run "show mossy-owl --limit 100 --format <format>" into a closed pipe
    Then the command succeeds
    And nothing is written to stderr

    Examples:
      | format |
      | table  |
      | json   |
