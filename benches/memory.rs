//! Where the memory of a loaded watchlist goes: live heap bytes and allocations after loading
//! 10,000 generated shows (counted by a global allocator wrapper), and how much of it is text.
//! The app's resident memory as a whole is measured by `benches/startup.sh`.
//!
//! `cargo bench --bench memory`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use curtaincall::model::{CastMember, Score, Show, StatusChange, Storyline, generate};
use curtaincall::store;

struct Counting;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);
static LIVE_BLOCKS: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
        LIVE_BLOCKS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        LIVE_BLOCKS.fetch_sub(1, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn live() -> (f64, isize) {
    (
        LIVE_BYTES.load(Ordering::Relaxed) as f64 / 1e6,
        LIVE_BLOCKS.load(Ordering::Relaxed),
    )
}

fn main() {
    let n = 10_000;
    let text = store::to_ron(&generate::watchlist(n, 2026)).expect("ron");
    println!("RON text: {:.1} MB for {n} shows", text.len() as f64 / 1e6);
    let (before, blocks_before) = live();
    let list = store::from_ron(&text, "w.ron".as_ref()).expect("loads");
    let (after, blocks_after) = live();
    println!(
        "loaded watchlist: {:.1} MB live heap in {} allocations",
        after - before,
        blocks_after - blocks_before
    );
    let (before, _) = live();
    let index = curtaincall::model::text_index::TextIndex::build(&list);
    let (after_index, _) = live();
    println!(
        "text index for searching cast, storylines and notes (built on the first search): {:.1} MB",
        after_index - before
    );
    drop(index);
    let text_bytes: usize = list.shows.iter().map(|show| text_of(show)).sum();
    println!(
        "of which text (names, notes, storylines): {:.1} MB; the rest is structure",
        text_bytes as f64 / 1e6
    );
    println!(
        "per item: show {} B, cast member {} B, storyline {} B, status change {} B, score {} B",
        size_of::<Show>(),
        size_of::<CastMember>(),
        size_of::<Storyline>(),
        size_of::<StatusChange>(),
        size_of::<Score>()
    );
}

/// Bytes of text one show holds in its strings.
fn text_of(show: &Show) -> usize {
    fn strings<S: AsRef<str>>(list: &[S]) -> usize {
        list.iter().map(|s| s.as_ref().len()).sum()
    }
    fn optional<S: AsRef<str>>(s: &Option<S>) -> usize {
        s.as_ref().map_or(0, |s| s.as_ref().len())
    }
    show.id.len()
        + show.title.len()
        + optional(&show.network)
        + strings(&show.creators)
        + strings(&show.studios)
        + strings(&show.genres)
        + show.notes.len()
        + show.summary.len()
        + show
            .status_history
            .iter()
            .map(|c| c.note.len())
            .sum::<usize>()
        + show
            .cast
            .iter()
            .map(|c| c.actor.len() + optional(&c.character))
            .sum::<usize>()
        + show
            .storylines
            .iter()
            .map(|s| s.title.len() + s.text.len() + strings(&s.characters))
            .sum::<usize>()
}
