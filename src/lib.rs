//! Curtain Call: a desktop tracker for TV series — their status, critic scores, cast, and the
//! storylines a canceled show left unresolved.
//!
//! The crate is a core without a window — the data ([`model`]), the file ([`store`]), the
//! catalogs ([`sources`]) and the application layer over them ([`session`]) — with a thin GUI
//! ([`ui`]) and a command line ([`cli`]) on top. See `ARCHITECTURE.md`.

pub mod article;
pub mod autostart;
pub mod cli;
pub mod diagnostics;
pub mod export;
pub mod ics;
pub mod import;
pub mod instance;
pub mod model;
pub mod notify;
pub mod posters;
pub mod session;
pub mod settings;
pub mod sources;
pub mod store;
pub mod tasks;
pub mod ui;
