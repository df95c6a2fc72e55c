//! Posters for the screen, loaded by background jobs: read from the cache or downloaded,
//! checked and decoded to the size they are shown at. The UI asks for them and turns what
//! arrives into textures (`ui/posters.rs`).

use std::collections::HashMap;

use super::Event;
use crate::posters::{Decoded, PosterError, PosterLoader, PosterSource};
use crate::tasks::{Lane, TaskId, Tasks};

/// How many posters load at once: enough to fill a screen quickly, few enough to leave the UI
/// its core.
const WORKERS: usize = 2;

/// A poster at a size in pixels.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PosterRequest {
    pub source: PosterSource,
    /// Pixels wide and high the image is decoded to fit.
    pub pixels: (u32, u32),
}

/// A poster that was loaded (or could not be).
pub type LoadedPoster = (PosterRequest, Result<Decoded, PosterError>);

/// The posters being loaded, and those loaded since the UI last took them.
pub struct PosterQueue {
    loader: PosterLoader,
    lane: Lane<Event>,
    waiting: HashMap<TaskId, PosterRequest>,
    loaded: Vec<LoadedPoster>,
}

impl PosterQueue {
    /// Posters loaded with `loader`.
    pub fn new(tasks: &Tasks<Event>, loader: PosterLoader) -> Self {
        PosterQueue {
            loader,
            lane: tasks.lane("posters", WORKERS),
            waiting: HashMap::new(),
            loaded: Vec::new(),
        }
    }

    /// Starts loading `request`.
    pub fn load(&mut self, request: PosterRequest) {
        let loader = self.loader.clone();
        let job = request.clone();
        let task = self.lane.push(move |_| {
            let (width, height) = job.pixels;
            let result = loader.load(&job.source, width, height);
            Event::PosterLoaded(result)
        });
        self.waiting.insert(task.id(), request);
    }

    /// A poster job reported: its decoded image or why there is none.
    pub(super) fn on_loaded(&mut self, task: TaskId, result: Result<Decoded, PosterError>) {
        if let Some(request) = self.waiting.remove(&task) {
            self.loaded.push((request, result));
        }
    }

    /// A poster job ended without a result; true when it was one.
    pub(super) fn on_lost(&mut self, task: TaskId, why: String) -> bool {
        match self.waiting.remove(&task) {
            Some(request) => {
                self.loaded.push((request, Err(PosterError::Io(why))));
                true
            }
            None => false,
        }
    }

    /// True when no poster is being loaded and none loaded waits to be taken.
    pub fn is_idle(&self) -> bool {
        self.waiting.is_empty() && self.loaded.is_empty()
    }

    /// The posters loaded since the last call.
    pub fn take_loaded(&mut self) -> Vec<LoadedPoster> {
        std::mem::take(&mut self.loaded)
    }
}
