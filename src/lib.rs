//! Curtain Call: a desktop tracker for TV series — their status, critic scores, cast, and the
//! storylines a canceled show left unresolved.
//!
//! The crate is a pure core ([`model`], [`store`], [`document`]) with a thin GUI ([`ui`]) and a
//! command line ([`cli`]) over it. See `ARCHITECTURE.md`.

pub mod cli;
pub mod diagnostics;
pub mod document;
pub mod export;
pub mod model;
pub mod notify;
pub mod posters;
pub mod prose;
pub mod refresh;
pub mod settings;
pub mod sources;
pub mod store;
pub mod ui;
