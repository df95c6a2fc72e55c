//! The integration tests, in one binary (one link of eframe instead of one per file): each
//! module tests one area through real things — a real RON file in a temporary folder, a real
//! HTTP server on 127.0.0.1, the real UI through egui_kittest, the real binary.

// Tests: a failed expectation is the test failing, helpers included.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

mod architecture;
mod articles;
mod catalog_cli;
mod catalog_ui;
mod catch_up;
mod cli;
mod durability;
mod episodes_ui;
mod import;
mod instance;
mod model;
mod posters;
mod posters_ui;
mod sources;
mod storage_ui;
mod store;
mod tracker_ui;
mod ui;
