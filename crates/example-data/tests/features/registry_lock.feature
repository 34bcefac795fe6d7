Feature: Concurrent writers of the registry
  `add` holds an exclusive lock on the registry (a lock file beside it) from load to save,
  so writers that run at the same time queue instead of losing each other's seeds.

  Background:
    Given a copy of the committed registry

  Scenario: Eight adds at once all land
    When 8 processes run "add --name conc-N --seed N" at once
    Then every process succeeds
    And the registry gained 8 seeds named "conc-N" for N from 1
    And the registry still holds its earlier seeds
    And the lock file is free for the next writer

  Scenario: An add waits while another writer holds the lock
    Given the registry lock is held
    When I start "add --name late-owl --seed 11"
    Then the add is still waiting after 300 ms
    And the registry file is unchanged
    When the registry lock is released and the add finishes
    Then the command succeeds
    And the registry has a seed "late-owl" with seed 11 and 12 users
