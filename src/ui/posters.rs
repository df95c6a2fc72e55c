//! Posters on screen: the session loads and decodes them in the background (never the UI
//! thread); here they become textures of the size they are shown at, kept within a memory
//! budget and evicted when unused.

use std::collections::HashMap;

use eframe::egui::{self, Color32, Rect, Vec2};

use crate::posters::{PosterSource, TEXTURE_BUDGET};
use crate::session::{LoadedPoster, PosterRequest};

/// The two sizes a poster is shown at, in points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PosterSize {
    /// In a list row.
    Thumb,
    /// In a search result.
    Result,
    /// In the detail view.
    Large,
}

impl PosterSize {
    /// The size on screen, in points (2:3, a poster's shape).
    pub fn points(self) -> Vec2 {
        match self {
            PosterSize::Thumb => Vec2::new(18.0, 27.0),
            PosterSize::Result => Vec2::new(36.0, 54.0),
            PosterSize::Large => Vec2::new(160.0, 240.0),
        }
    }
}

enum State {
    Loading,
    Ready(egui::TextureHandle),
    /// Why it failed, and when: it is tried again after [`RETRY_AFTER`] (the network may be
    /// back).
    Failed(String, std::time::Instant),
}

/// How long a poster that failed waits before it is tried again.
const RETRY_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

struct Slot {
    state: State,
    bytes: usize,
    last_drawn: u64,
}

/// The posters the UI has asked for, as textures.
pub struct Posters {
    slots: HashMap<PosterRequest, Slot>,
    /// Asked for this frame and not yet handed to the session.
    wanted: Vec<PosterRequest>,
    frame: u64,
    budget: usize,
}

impl Default for Posters {
    fn default() -> Self {
        Posters {
            slots: HashMap::new(),
            wanted: Vec::new(),
            frame: 0,
            budget: TEXTURE_BUDGET,
        }
    }
}

impl Posters {
    /// Takes loaded posters in as textures and evicts what is over budget. Call once a frame,
    /// before drawing.
    pub fn take_in(&mut self, ctx: &egui::Context, loaded: Vec<LoadedPoster>) {
        for (request, result) in loaded {
            let Some(slot) = self.slots.get_mut(&request) else {
                continue;
            };
            match result {
                Ok(decoded) => {
                    let image = egui::ColorImage::from_rgba_unmultiplied(
                        [decoded.width as usize, decoded.height as usize],
                        &decoded.rgba,
                    );
                    slot.bytes = decoded.byte_size();
                    slot.state = State::Ready(ctx.load_texture(
                        "poster",
                        image,
                        egui::TextureOptions::LINEAR,
                    ));
                }
                // Shown where the poster would be ("Poster not shown: …").
                Err(error) => {
                    slot.state = State::Failed(error.to_string(), std::time::Instant::now());
                }
            }
        }
        self.evict();
        self.frame += 1;
    }

    /// The posters asked for since the last call, for the session to load.
    pub fn take_wanted(&mut self) -> Vec<PosterRequest> {
        std::mem::take(&mut self.wanted)
    }

    /// Texture bytes held now.
    pub fn texture_bytes(&self) -> usize {
        self.slots.values().map(|s| s.bytes).sum()
    }

    /// Drops the least recently drawn textures not drawn this frame until within budget.
    fn evict(&mut self) {
        let entries = self
            .slots
            .iter()
            .map(|(key, slot)| (key.clone(), slot.last_drawn, slot.bytes));
        for key in to_evict(entries, self.frame, self.budget) {
            self.slots.remove(&key);
        }
    }

    /// Paints `source` into `rect` (the placeholder while it loads or when it cannot be shown).
    /// Returns why the poster could not be shown, if it could not.
    pub fn paint(
        &mut self,
        ui: &egui::Ui,
        rect: Rect,
        source: &PosterSource,
        size: PosterSize,
    ) -> Option<String> {
        let texture = self.texture(ui, source, size);
        let error = match texture {
            Ok(Some(texture)) => {
                paint_fitted(ui, rect, &texture);
                return None;
            }
            Ok(None) => None,
            Err(error) => Some(error),
        };
        let placeholder = match source {
            PosterSource::Placeholder => None,
            _ => self
                .texture(ui, &PosterSource::Placeholder, size)
                .ok()
                .flatten(),
        };
        match placeholder {
            Some(placeholder) => paint_fitted(ui, rect, &placeholder),
            None => {
                ui.painter().rect_filled(rect, 2.0, Color32::from_gray(60));
            }
        }
        error
    }

    /// The texture of `source` at `size`, asking for it if it is not there yet: `Ok(None)`
    /// while it loads.
    fn texture(
        &mut self,
        ui: &egui::Ui,
        source: &PosterSource,
        size: PosterSize,
    ) -> Result<Option<egui::TextureHandle>, String> {
        let scale = ui.ctx().pixels_per_point().clamp(1.0, 3.0);
        let points = size.points();
        let pixels = (
            (points.x * scale).round() as u32,
            (points.y * scale).round() as u32,
        );
        let key = PosterRequest {
            source: source.clone(),
            pixels,
        };
        let frame = self.frame;
        // Called for every visible row every frame: a hit costs one lookup, no more copies.
        let slot = match self.slots.get_mut(&key) {
            Some(slot) => slot,
            None => {
                self.wanted.push(key.clone());
                self.slots.entry(key).or_insert(Slot {
                    state: State::Loading,
                    bytes: 0,
                    last_drawn: frame,
                })
            }
        };
        slot.last_drawn = frame;
        if let State::Failed(_, at) = &slot.state
            && at.elapsed() >= RETRY_AFTER
        {
            self.wanted.push(PosterRequest {
                source: source.clone(),
                pixels,
            });
            slot.state = State::Loading;
        }
        match &slot.state {
            State::Loading => Ok(None),
            State::Ready(texture) => Ok(Some(texture.clone())),
            State::Failed(error, _) => Err(error.clone()),
        }
    }
}

/// Which entries `(key, last frame drawn, bytes)` to drop to get within `budget`: the least
/// recently drawn first, never one drawn in `frame` (it is on screen).
fn to_evict<K>(
    entries: impl Iterator<Item = (K, u64, usize)>,
    frame: u64,
    budget: usize,
) -> Vec<K> {
    let entries: Vec<(K, u64, usize)> = entries.collect();
    let mut total: usize = entries.iter().map(|(_, _, bytes)| bytes).sum();
    let mut candidates: Vec<(K, u64, usize)> = entries
        .into_iter()
        .filter(|(_, drawn, bytes)| *drawn < frame && *bytes > 0)
        .collect();
    candidates.sort_by_key(|(_, drawn, _)| *drawn);
    let mut evicted = Vec::new();
    for (key, _, bytes) in candidates {
        if total <= budget {
            break;
        }
        total -= bytes;
        evicted.push(key);
    }
    evicted
}

/// Paints `texture` centred in `rect`, keeping its shape.
fn paint_fitted(ui: &egui::Ui, rect: Rect, texture: &egui::TextureHandle) {
    let size = texture.size_vec2();
    let scale = (rect.width() / size.x).min(rect.height() / size.y);
    let shown = Rect::from_center_size(rect.center(), size * scale);
    ui.painter().image(
        texture.id(),
        shown,
        Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
        Color32::WHITE,
    );
}

#[cfg(test)]
mod tests {
    use super::to_evict;

    #[test]
    fn the_least_recently_drawn_go_first_and_what_is_on_screen_stays() {
        // (name, last frame drawn, bytes); the frame now is 10, the budget 100 bytes.
        let entries = [("a", 3, 40), ("b", 9, 40), ("c", 1, 40), ("d", 10, 40)];
        assert_eq!(to_evict(entries.into_iter(), 10, 100), ["c", "a"]);
        assert!(to_evict(entries.into_iter(), 10, 1000).is_empty());
        // Over budget with everything on screen: nothing is dropped from under the user.
        let on_screen = [("x", 10, 400), ("y", 10, 400)];
        assert!(to_evict(on_screen.into_iter(), 10, 100).is_empty());
    }
}
