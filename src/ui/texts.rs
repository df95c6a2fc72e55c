//! Long texts kept on disk (see [`crate::prose`]), shown without the UI thread ever reading the
//! disk: what is not at hand is asked for, a background thread reads it back into the recently
//! read texts, and the next frame shows it. Opening a show costs one frame of "Reading…".

use std::collections::HashMap;
use std::sync::mpsc;

use eframe::egui;

use super::jobs::spawn;
use crate::prose::{Prose, ProseKey, Shared};

/// A text as the UI can show it this frame.
pub enum Shown<'a> {
    Ready(Shared<'a>),
    /// Being read back; the UI is woken when it is there.
    Reading,
    /// Could not be read back: why. The text must not be edited (an edit would replace it).
    Failed(String),
}

/// The texts of a batch that could not be read back, and why.
type Failures = Vec<(ProseKey, String)>;

/// The texts the UI has asked for and not yet got.
#[derive(Default)]
pub struct Texts {
    /// Asked for this frame, read together when the frame ends.
    wanted: Vec<Prose>,
    /// Being read: the keys of each batch, and the batch's failures when it is done.
    reading: Vec<(Vec<ProseKey>, mpsc::Receiver<Failures>)>,
    /// Texts that could not be read back, and why.
    failed: HashMap<ProseKey, String>,
}

impl Texts {
    /// `prose` if it is at hand; otherwise it is asked for.
    pub fn get<'a>(&mut self, ctx: &egui::Context, prose: &'a Prose) -> Shown<'a> {
        if let Some(text) = prose.now() {
            return Shown::Ready(text);
        }
        let Some(key) = prose.key() else {
            // Only texts kept on disk are ever missing.
            return Shown::Ready(Shared::Borrowed(""));
        };
        if let Some(error) = self.failed.get(&key) {
            return Shown::Failed(error.clone());
        }
        let asked = self.reading.iter().any(|(keys, _)| keys.contains(&key))
            || self.wanted.iter().any(|w| w.key().as_ref() == Some(&key));
        if !asked {
            self.wanted.push(prose.clone());
        }
        // Keep drawing until it is there (the reader also wakes the UI when done).
        ctx.request_repaint();
        Shown::Reading
    }

    /// Starts reading what this frame asked for, and takes in what was read. Called once per
    /// frame, after drawing.
    pub fn end_frame(&mut self, ctx: &egui::Context) {
        self.reading.retain(|(_, done)| match done.try_recv() {
            Ok(failures) => {
                self.failed.extend(failures);
                false
            }
            Err(mpsc::TryRecvError::Empty) => true,
            Err(mpsc::TryRecvError::Disconnected) => false,
        });
        if self.wanted.is_empty() {
            return;
        }
        let wanted = std::mem::take(&mut self.wanted);
        let keys = wanted.iter().filter_map(Prose::key).collect();
        let done = spawn(ctx, "curtaincall-texts", move || {
            wanted
                .iter()
                .filter_map(|prose| {
                    let error = prose.remember().err()?;
                    log::error!("could not read back a text kept on disk: {error}");
                    Some((prose.key()?, error.to_string()))
                })
                .collect()
        });
        self.reading.push((keys, done));
    }
}

/// Draws a text that is not at hand: a quiet "Reading…" or the reason it cannot be shown.
pub fn not_at_hand_ui(ui: &mut egui::Ui, shown: &Shown<'_>) {
    match shown {
        Shown::Ready(_) => {}
        Shown::Reading => {
            ui.weak("Reading…");
        }
        Shown::Failed(error) => {
            ui.colored_label(
                super::theme::alarm_color(ui),
                format!("This text could not be read back ({error}); it is kept as it was."),
            );
        }
    }
}
