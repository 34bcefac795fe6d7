//! The `backend` server as a real process: start-up, seeding, settings, health and stop.

mod embedded;
mod process;
mod settings;
mod startup;
