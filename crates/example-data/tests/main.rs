//! The crate's one integration-test binary: the behaviour scenarios of `features/` and the
//! golden test, as modules in `suite/`, linked once.

mod suite {
    mod cli_bdd;
    mod cli_env_bdd;
    mod cli_lock_bdd;
    mod golden;
    mod registry_bdd;
    mod support;
}
