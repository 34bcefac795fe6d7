//! Settings: each layer, the order of the layers, and each kind of unusable value.

use std::collections::BTreeMap;
use std::fs;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use rstest::{fixture, rstest};
use tempfile::TempDir;

use super::*;
use crate::inbound::http::access::ApiToken;

struct World {
    dir: TempDir,
    args: Vec<String>,
    env: BTreeMap<String, String>,
}

#[fixture]
fn world() -> World {
    World {
        dir: tempfile::tempdir().expect("tempdir"),
        args: vec!["backend".to_owned()],
        env: BTreeMap::new(),
    }
}

impl World {
    fn project(&self) -> &Path {
        self.dir.path()
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.project().join(name);
        fs::write(&path, text).expect("write settings file");
        path
    }

    fn arg(mut self, arg: &str) -> Self {
        self.args.push(arg.to_owned());
        self
    }

    fn var(mut self, name: &str, value: &str) -> Self {
        self.env.insert(name.to_owned(), value.to_owned());
        self
    }

    fn load(&self) -> Result<Settings, ConfigError> {
        load_from(&Inputs {
            args: self.args.iter().map(Into::into).collect(),
            env: self.env.clone(),
            project_dir: self.project().to_path_buf(),
        })
    }

    fn settings(&self) -> Settings {
        self.load()
            .unwrap_or_else(|err| panic!("settings must load: {err}"))
    }

    fn error(&self) -> String {
        self.load()
            .expect_err("settings must be refused")
            .to_string()
    }
}

#[rstest]
fn defaults_apply_when_nothing_is_set(world: World) {
    let settings = world.settings();
    assert_eq!(settings.http.host.value, IpAddr::from([127, 0, 0, 1]));
    assert_eq!(settings.http.host.source, Source::Default);
    assert_eq!(settings.http.port.value, DEFAULT_PORT);
    assert!(matches!(
        &settings.database.target,
        DatabaseTarget::Embedded(EmbeddedStorage::Persistent(dir))
            if *dir == world.project().join(DEFAULT_DATA_DIR)
    ));
    assert!(settings.database.run_migrations);
    assert_eq!(settings.database.pool_size.get(), 10);
    assert!(!settings.example_data.is_enabled);
    assert!(settings.example_data.seed_name.is_none());
    // Outside a checkout the default names where it was looked for.
    assert_eq!(
        settings.example_data.registry_path.value,
        world.project().join(DEFAULT_REGISTRY_PATH)
    );
    assert!(settings.api_token.is_none());
    assert_eq!(settings.log_format, LogFormat::Text);
    assert_eq!(settings.config_file, None);
}

#[rstest]
fn the_dotfile_in_the_project_directory_is_read(world: World) {
    let path = world.file(
        DOTFILE,
        "port = 9001\n[example_data]\nis_enabled = true\nseed_name = \"mossy-owl\"\n",
    );
    let settings = world.settings();
    assert_eq!(settings.http.port.value, 9001);
    assert_eq!(settings.http.port.source, Source::File(path.clone()));
    assert!(settings.example_data.is_enabled);
    let seed = settings.example_data.seed_name.expect("seed name set");
    assert_eq!(seed.value.as_str(), "mossy-owl");
    assert_eq!(settings.config_file, Some(path));
}

#[rstest]
#[case::flag(true)]
#[case::variable(false)]
fn an_explicit_file_wins_over_the_dotfile(world: World, #[case] by_flag: bool) {
    world.file(DOTFILE, "port = 9001\n");
    let explicit = world.file("other.toml", "port = 9002\n");
    let world = if by_flag {
        world.arg(&format!("--config={}", explicit.display()))
    } else {
        let text = explicit.display().to_string();
        world.var(CONFIG_ENV, &text)
    };
    assert_eq!(world.settings().http.port.value, 9002);
}

#[rstest]
fn the_environment_wins_over_the_file_and_flags_win_over_both(world: World) {
    world.file(
        DOTFILE,
        "port = 9001\nhost = \"127.0.0.2\"\npool_size = 3\n",
    );
    let world = world
        .var("PORT", "9002")
        .var("HOST", "127.0.0.3")
        .arg("--port=9003");
    let settings = world.settings();
    assert_eq!(settings.http.port.value, 9003);
    assert_eq!(settings.http.port.source, Source::Flag("port"));
    assert_eq!(settings.http.host.value, IpAddr::from([127, 0, 0, 3]));
    assert_eq!(settings.http.host.source, Source::Env("HOST"));
    assert_eq!(settings.database.pool_size.get(), 3);
}

#[rstest]
fn seeding_keys_come_from_their_variables(world: World) {
    let settings = world
        .var("EXAMPLE_DATA_IS_ENABLED", "true")
        .var("EXAMPLE_DATA_SEED_NAME", "verdant-glade")
        .var("EXAMPLE_DATA_USER_COUNT", "200000")
        .var("EXAMPLE_DATA_REGISTRY_PATH", "seeds.json")
        .settings();
    let data = settings.example_data;
    assert!(data.is_enabled);
    assert_eq!(
        data.seed_name.map(|s| s.value.to_string()).as_deref(),
        Some("verdant-glade")
    );
    assert_eq!(data.user_count.map(|c| c.value.get()), Some(200_000));
    assert_eq!(
        data.registry_path.source,
        Source::Env("EXAMPLE_DATA_REGISTRY_PATH")
    );
}

#[rstest]
fn a_relative_path_in_a_file_is_taken_from_the_files_directory(world: World) {
    fs::create_dir(world.project().join("conf")).expect("mkdir");
    let file = world.file("conf/s.toml", "data_dir = \"db\"\n");
    let settings = world
        .arg(&format!("--config={}", file.display()))
        .settings();
    assert!(matches!(
        settings.database.target,
        DatabaseTarget::Embedded(EmbeddedStorage::Persistent(dir))
            if dir.ends_with("conf/db")
    ));
}

#[rstest]
fn ephemeral_and_an_external_database_are_chosen_by_their_keys(world: World) {
    let ephemeral = world.arg("--ephemeral").settings();
    assert!(matches!(
        ephemeral.database.target,
        DatabaseTarget::Embedded(EmbeddedStorage::Ephemeral)
    ));
    let external = world_with_url();
    assert!(matches!(
        external.database.target,
        DatabaseTarget::External(_)
    ));
}

fn world_with_url() -> Settings {
    world()
        .var("DATABASE_URL", "postgres://u:pw@127.0.0.1:5432/db")
        .settings()
}

#[rstest]
#[case::host("HOST", "localhost:80", "host", "IP address")]
#[case::port("PORT", "80000", "port", "0..=65535")]
#[case::port_text("PORT", "http", "port", "0..=65535")]
#[case::url("DATABASE_URL", "mysql://db/x", "database_url", "scheme")]
#[case::url_shape("DATABASE_URL", "not a url", "database_url", "not a URL")]
#[case::ephemeral("BACKEND_EPHEMERAL", "maybe", "ephemeral", "true or false")]
#[case::migrations("BACKEND_RUN_MIGRATIONS", "2", "run_migrations", "true or false")]
#[case::pool_zero("BACKEND_POOL_SIZE", "0", "pool_size", "1..=64")]
#[case::pool_big("BACKEND_POOL_SIZE", "65", "pool_size", "1..=64")]
#[case::enabled(
    "EXAMPLE_DATA_IS_ENABLED",
    "si",
    "example_data.is_enabled",
    "true or false"
)]
#[case::seed(
    "EXAMPLE_DATA_SEED_NAME",
    "Not A Name",
    "example_data.seed_name",
    "lowercase"
)]
#[case::count_zero(
    "EXAMPLE_DATA_USER_COUNT",
    "0",
    "example_data.user_count",
    "1..=1000000"
)]
#[case::count_big(
    "EXAMPLE_DATA_USER_COUNT",
    "1000001",
    "example_data.user_count",
    "1..="
)]
#[case::registry(
    "EXAMPLE_DATA_REGISTRY_PATH",
    " ",
    "example_data.registry_path",
    "a path"
)]
#[case::log("LOG_FORMAT", "xml", "log_format", "text or json")]
fn a_bad_variable_is_refused_naming_key_variable_and_value(
    world: World,
    #[case] variable: &str,
    #[case] value: &str,
    #[case] key: &str,
    #[case] reason: &str,
) {
    let message = world.var(variable, value).error();
    for part in [
        format!("`{key}`"),
        format!("environment variable {variable}"),
        format!("`{value}`"),
        reason.to_owned(),
    ] {
        assert!(message.contains(&part), "{part:?} missing from: {message}");
    }
}

#[rstest]
fn a_bad_flag_is_refused_naming_the_flag(world: World) {
    let message = world.arg("--example-data-user-count=0").error();
    assert!(
        message.contains("flag --example-data-user-count"),
        "{message}"
    );
    assert!(message.contains("`0`"), "{message}");
}

#[rstest]
fn a_bad_file_value_is_refused_naming_the_file(world: World) {
    let path = world.file(DOTFILE, "[example_data]\nuser_count = 0\n");
    let message = world.error();
    assert!(
        message.contains(&format!("file {}", path.display())),
        "{message}"
    );
    assert!(message.contains("`example_data.user_count`"), "{message}");
}

#[rstest]
fn every_bad_value_is_reported_at_once(world: World) {
    let message = world.var("PORT", "x").arg("--pool-size=0").error();
    assert_eq!(message.lines().count(), 2, "{message}");
}

#[rstest]
fn an_unknown_file_key_is_refused(world: World) {
    let path = world.file(DOTFILE, "prot = 8080\n");
    let message = world.error();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("unknown key `prot`"), "{message}");
}

#[rstest]
fn a_malformed_file_is_refused_naming_it(world: World) {
    let path = world.file(DOTFILE, "port = = 1\n");
    let message = world.error();
    assert!(message.contains(&path.display().to_string()), "{message}");
}

#[rstest]
#[case::flag(true)]
#[case::variable(false)]
fn a_missing_explicit_file_is_refused(world: World, #[case] by_flag: bool) {
    let world = if by_flag {
        world.arg("--config=nope.toml")
    } else {
        world.var(CONFIG_ENV, "nope.toml")
    };
    let message = world.error();
    assert!(message.contains("nope.toml"), "{message}");
    let named_by = if by_flag {
        "flag --config"
    } else {
        "environment variable BACKEND_CONFIG_PATH"
    };
    assert!(message.contains(named_by), "{message}");
}

#[rstest]
#[case::unparsable("postgres://u:secret@host:notaport/x")]
#[case::wrong_scheme("mysql://u:secret@host/x")]
fn a_bad_database_url_never_shows_its_password(world: World, #[case] url: &str) {
    let message = world.var("DATABASE_URL", url).error();
    assert!(!message.contains("secret"), "{message}");
    assert!(message.contains("u:***@host"), "{message}");
}

#[rstest]
fn a_bad_api_token_is_masked(world: World) {
    let message = world.var("BACKEND_API_TOKEN", "short-secret").error();
    assert!(!message.contains("short-secret"), "{message}");
    assert!(message.contains("BACKEND_API_TOKEN"), "{message}");
}

#[rstest]
fn a_good_api_token_is_kept_and_masked_in_debug(world: World) {
    let settings = world
        .var("BACKEND_API_TOKEN", "correct-horse-battery")
        .settings();
    assert_eq!(
        settings.api_token.as_ref().map(ApiToken::expose),
        Some("correct-horse-battery")
    );
    assert!(!format!("{settings:?}").contains("correct-horse"));
}

#[rstest]
#[case::ephemeral("--ephemeral", "`ephemeral`")]
#[case::data_dir("--data-dir=x", "`data_dir`")]
fn embedded_keys_clash_with_an_external_database(
    world: World,
    #[case] flag: &str,
    #[case] key: &str,
) {
    let message = world
        .var("DATABASE_URL", "postgres://u:secret@h/db")
        .arg(flag)
        .error();
    assert!(message.contains(key), "{message}");
    assert!(!message.contains("secret"), "{message}");
}

#[rstest]
fn ephemeral_clashes_with_a_data_dir(world: World) {
    let message = world.arg("--ephemeral").arg("--data-dir=x").error();
    assert!(message.contains("`data_dir`"), "{message}");
}

#[rstest]
fn an_unknown_flag_is_a_usage_error(world: World) {
    let err = world.arg("--prot=1").load().expect_err("refused");
    assert_eq!(err.exit_code(), 2);
}

#[rstest]
fn the_readme_table_lists_every_key() {
    let table = markdown_table();
    for key in Key::ALL {
        assert!(table.contains(key.spec().env), "{key:?}");
    }
}
