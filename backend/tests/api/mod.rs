//! The read API over HTTP: a real server on a free loopback port, a per-test clone of the
//! migrated template seeded with the registry's `verdant-glade` seed (48 users).

mod harness;

use std::collections::BTreeSet;

use harness::{Api, TOKEN};
use proptest::prelude::*;
use rstest::rstest;
use serde_json::Value;

const SEEDED_USERS: usize = 48;

fn error_of(body: &Value) -> (&str, &str) {
    (
        body["error"]["code"].as_str().unwrap_or_default(),
        body["error"]["message"].as_str().unwrap_or_default(),
    )
}

#[test]
fn paging_with_limit_7_visits_every_user_once_in_keyset_order() {
    let api = Api::open();
    let mut path = "/api/v1/users?limit=7".to_owned();
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let (status, page) = api.get(&path);
        assert_eq!(status, 200, "{path}: {page}");
        pages += 1;
        let items = page["items"].as_array().expect("items");
        assert!(items.len() <= 7);
        seen.extend(
            items
                .iter()
                .map(|u| u["id"].as_str().expect("id").to_owned()),
        );
        match page.get("next") {
            Some(next) => path = next.as_str().expect("next is a link").to_owned(),
            None => break,
        }
    }
    assert_eq!(pages, SEEDED_USERS.div_ceil(7));
    assert_eq!(
        seen,
        api.user_ids_in_keyset_order(),
        "every user once, in order"
    );
}

#[rstest]
#[case(1)]
#[case(48)]
#[case(100)]
fn a_page_as_large_as_what_is_left_is_the_last(#[case] limit: usize) {
    let api = Api::open();
    let (status, page) = api.get(&format!("/api/v1/users?limit={limit}"));
    assert_eq!(status, 200);
    assert_eq!(
        page["items"].as_array().map(Vec::len),
        Some(limit.min(SEEDED_USERS))
    );
    assert_eq!(page["limit"], limit);
    assert_eq!(page.get("next").is_some(), limit < SEEDED_USERS, "{page}");
}

#[test]
fn default_page_has_twenty_users() {
    let api = Api::open();
    let (_, page) = api.get("/api/v1/users");
    assert_eq!(page["items"].as_array().map(Vec::len), Some(20));
    assert!(
        page["next"]
            .as_str()
            .expect("next")
            .starts_with("/api/v1/users?limit=20&cursor=")
    );
}

#[test]
fn fetches_a_user_and_its_preferences() {
    let api = Api::open();
    let (_, page) = api.get("/api/v1/users?limit=1");
    let listed = &page["items"][0];
    let id = listed["id"].as_str().expect("id");

    let (status, user) = api.get(&format!("/api/v1/users/{id}"));
    assert_eq!(status, 200);
    assert_eq!(&user, listed);
    assert!(user["displayName"].as_str().is_some_and(|n| n.len() >= 3));

    let (status, prefs) = api.get(&format!("/api/v1/users/{id}/preferences"));
    assert_eq!(status, 200, "{prefs}");
    let keys: BTreeSet<&str> = prefs
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let expected = [
        "interestThemeIds",
        "revision",
        "safetyToggleIds",
        "unitSystem",
        "updatedAt",
        "userId",
    ];
    assert_eq!(keys, expected.into_iter().collect());
    assert_eq!(prefs["userId"], id);
    assert_eq!(prefs["revision"], 1);
    assert!(matches!(
        prefs["unitSystem"].as_str(),
        Some("metric" | "imperial")
    ));
    let (_, themes) = api.get("/api/v1/interest-themes");
    let known: BTreeSet<&str> = themes["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|t| t["id"].as_str())
        .collect();
    let chosen = prefs["interestThemeIds"].as_array().expect("ids");
    assert!(!chosen.is_empty());
    assert!(
        chosen
            .iter()
            .all(|t| t.as_str().is_some_and(|t| known.contains(t)))
    );
}

#[rstest]
#[case("/api/v1/interest-themes", 10)]
#[case("/api/v1/safety-toggles", 5)]
fn lists_each_catalogue_ordered_by_slug(#[case] path: &str, #[case] count: usize) {
    let api = Api::open();
    let (status, body) = api.get(path);
    assert_eq!(status, 200);
    let items = body["items"].as_array().expect("items");
    assert_eq!(items.len(), count);
    let slugs: Vec<&str> = items.iter().filter_map(|d| d["slug"].as_str()).collect();
    let mut sorted = slugs.clone();
    sorted.sort_unstable();
    assert_eq!(slugs, sorted);
    assert!(
        items
            .iter()
            .all(|d| d["id"].is_string() && d["name"].is_string())
    );
}

#[rstest]
#[case("/api/v1/users?limit=0", "limit")]
#[case("/api/v1/users?limit=101", "limit")]
#[case("/api/v1/users?limit=-1", "limit")]
#[case("/api/v1/users?limit=ten", "limit")]
#[case("/api/v1/users?limit=", "limit")]
#[case("/api/v1/users?cursor=", "cursor")]
#[case("/api/v1/users?cursor=bm90LWEtY3Vyc29y", "cursor")]
#[case("/api/v1/users?limit=5&limit=6", "query")]
#[case("/api/v1/users/not-a-uuid", "id")]
#[case("/api/v1/users/not-a-uuid/preferences", "id")]
fn bad_input_is_a_400_naming_the_parameter(#[case] path: &str, #[case] parameter: &str) {
    let api = Api::open();
    let (status, body) = api.get(path);
    assert_eq!(status, 400, "{path}: {body}");
    let (code, message) = error_of(&body);
    assert_eq!(code, "invalid_parameter");
    assert!(message.starts_with(&format!("{parameter}: ")), "{message}");
}

#[test]
fn a_tampered_cursor_is_a_400() {
    let api = Api::open();
    let (_, page) = api.get("/api/v1/users?limit=3");
    let next = page["next"].as_str().expect("next").to_owned();
    let (prefix, cursor) = next.split_once("cursor=").expect("cursor");
    for at in [0, 5, 20, cursor.len() - 1] {
        let mut bytes = cursor.as_bytes().to_vec();
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(bytes).expect("ascii");
        let (status, body) = api.get(&format!("{prefix}cursor={tampered}"));
        assert_eq!(status, 400, "{tampered}: {body}");
        assert!(error_of(&body).1.starts_with("cursor: "), "{body}");
    }
}

#[rstest]
#[case("/api/v1/users/00000000-0000-4000-8000-000000000000")]
#[case("/api/v1/users/00000000-0000-4000-8000-000000000000/preferences")]
#[case("/api/v1/no-such-thing")]
fn unknown_things_are_a_404(#[case] path: &str) {
    let api = Api::open();
    let (status, body) = api.get(path);
    assert_eq!(status, 404, "{body}");
    assert_eq!(error_of(&body).0, "not_found");
}

#[rstest]
#[case(None)]
#[case(Some("Bearer wrong-token-wrong-token"))]
#[case(Some("Basic dXNlcjpwYXNz"))]
#[case(Some(TOKEN))]
fn with_a_token_requests_without_the_bearer_header_are_a_401(#[case] authorization: Option<&str>) {
    let api = Api::with_token();
    for path in [
        "/api/v1/users",
        "/api/v1/users/not-a-uuid",
        "/api/v1/interest-themes",
        "/api/v1/nope",
    ] {
        let (status, body, challenge) = api.get_with(path, authorization);
        assert_eq!(status, 401, "{path}: {body}");
        assert_eq!(error_of(&body).0, "unauthorized");
        assert_eq!(challenge.as_deref(), Some("Bearer"));
    }
}

#[test]
fn with_a_token_the_bearer_header_is_admitted_and_docs_stay_open() {
    let api = Api::with_token();
    let bearer = format!("Bearer {TOKEN}");
    let (status, body, _) = api.get_with("/api/v1/users?limit=2", Some(&bearer));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["items"].as_array().map(Vec::len), Some(2));
    let (status, _, _) = api.get_with("/api-docs/openapi.json", None);
    assert_eq!(status, 200);
}

#[test]
fn the_openapi_document_lists_every_route() {
    let api = Api::open();
    let (status, doc) = api.get("/api-docs/openapi.json");
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    let documented: BTreeSet<&str> = doc["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(documented, harness::ROUTES.iter().copied().collect());
    for route in harness::ROUTES {
        assert!(
            doc["paths"][route]["get"].is_object(),
            "{route} documents GET"
        );
        // Every documented route is served: a real id where the path has a parameter.
        let (_, page) = api.get("/api/v1/users?limit=1");
        let id = page["items"][0]["id"].as_str().expect("id").to_owned();
        let (status, body) = api.get(&route.replace("{id}", &id));
        assert_eq!(status, 200, "{route}: {body}");
    }
    assert!(doc["components"]["securitySchemes"]["bearer_token"].is_object());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn no_cursor_a_client_can_send_is_a_5xx(
        cursor in prop_oneof![
            any::<String>(),
            "[A-Za-z0-9_-]{44}",
            "[A-Za-z0-9_=+/%-]{0,80}",
            harness::forged_cursor(),
        ],
        limit in prop_oneof![Just(None), (0_i64..=120).prop_map(Some)],
    ) {
        let api = harness::shared_api();
        let status = api.status_for_cursor(&cursor, limit);
        prop_assert!(status == 200 || status == 400, "cursor {cursor:?} -> {status}");
    }
}
