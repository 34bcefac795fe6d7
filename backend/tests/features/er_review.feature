Feature: Schema-change review
  er-snapshots review applies the migrations as they were at a git ref and as they are in the
  working tree to two databases on one embedded cluster, and reports what changed as Markdown.

  Scenario: A branch that adds a column and a table is reported with a diagram
    Given a checkout whose base commit holds the baseline migrations
    And a working-tree migration that adds a column and a table
    When er-snapshots review runs against the base
    Then the review succeeds
    And the report lists the new table and the new column and nothing else
    And the report lists the new table's key, foreign key and check constraint
    And the report draws the new table as added and its table as changed

  Scenario: An unchanged branch reports no schema change
    Given a checkout whose base commit holds the baseline migrations
    When er-snapshots review runs against the base
    Then the review succeeds
    And the report is the one line "No schema change"

  Scenario: The report goes to a file and the work tree is untouched
    Given a checkout whose base commit holds the baseline migrations
    And a working-tree migration that adds a column and a table
    When er-snapshots review runs against the base writing to a file
    Then the review succeeds
    And the report file lists the new table
    And the checkout's files are unchanged

  Scenario: An unknown ref is named
    Given a checkout whose base commit holds the baseline migrations
    When er-snapshots review runs against the ref "no-such-branch"
    Then the command fails with an error containing "no-such-branch"

  Scenario: A migration that fails at the base names the ref and the migration
    Given a checkout whose base commit holds a migration that cannot apply
    When er-snapshots review runs against the base
    Then the command fails naming both "base" and "broken_on_purpose"

  Scenario: A directory outside git is refused
    Given migrations in a directory that is not a git checkout
    When er-snapshots review runs against the ref "main"
    Then the command fails with an error containing "not a git checkout"
