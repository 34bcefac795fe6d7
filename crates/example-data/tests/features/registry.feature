Feature: Named-seed registry
  The registry file holds the descriptor catalogue and the named seeds. It is parsed once,
  and a file that breaks a rule is rejected with the file and the JSON path of the field.

  Scenario: The committed registry loads
    Given the committed registry
    When the registry is loaded
    Then it offers 10 interest themes and 5 safety toggles
    And it has a seed named "mossy-owl"
    And the users of "mossy-owl" are the same on every generation

  Scenario: Text that is not JSON is rejected
    Given a registry file holding "{ \"version\": 1,"
    When the registry is loaded
    Then loading fails naming the file and "not valid JSON"

  Scenario Outline: A registry that breaks a rule is rejected
    Given the test registry with <pointer> set to <value>
    When the registry is loaded
    Then loading fails naming the file and "<json_path>"
    And the reason mentions "<reason>"

    Examples:
      | pointer              | value                                  | json_path            | reason                        |
      | /version             | 2                                      | version              | unsupported registry version  |
      | /interestThemes/1/id | "not-a-uuid"                           | interestThemes[1].id | is not a UUID                 |
      | /safetyToggles/0/id  | "27f19aac-5db3-4358-ad3a-76ee580aa519" | safetyToggles[0].id  | duplicate id                  |
      | /seeds/1/name        | "golden"                               | seeds[1].name        | duplicate seed name `golden`  |
      | /interestThemes      | []                                     | interestThemes       | list must not be empty        |
      | /safetyToggles       | []                                     | safetyToggles        | list must not be empty        |
      | /seeds               | []                                     | seeds                | list must not be empty        |
      | /seeds/0/seed        | -1                                     | seeds[0].seed        | found -1                      |
      | /seeds/1/seed        | 9223372036854775808                    | seeds[1].seed        | found 9223372036854775808     |
      | /seeds/0/userCount   | 0                                      | seeds[0].userCount   | found 0                       |
      | /seeds/1/userCount   | 1000001                                | seeds[1].userCount   | found 1000001                 |
      | /seeds/1/seed        | "42"                                   | seeds[1].seed        | invalid type                  |
