//! Where the memory of a loaded watchlist goes: live heap bytes and allocations after loading
//! 10,000 generated shows (counted by a global allocator wrapper), and how much of it is text.
//! The app's resident memory as a whole is measured by `benches/startup.sh`.
//!
//! `cargo bench --bench memory`

// A benchmark or a developer tool, not the app: a failure here may simply panic.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use curtaincall::model::{CastMember, Name, Score, Show, StatusChange, Storyline, generate};
use curtaincall::store;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// Live heap bytes and blocks added since `region` began.
fn live(region: &Region<'_, std::alloc::System>) -> (f64, isize) {
    let change = region.change();
    let bytes = change.bytes_allocated as isize - change.bytes_deallocated as isize
        + change.bytes_reallocated;
    let blocks = change.allocations as isize - change.deallocations as isize;
    (bytes as f64 / 1e6, blocks)
}

fn main() {
    let n = 10_000;
    let text = store::to_ron(&generate::watchlist(n, 2026)).expect("ron");
    println!("RON text: {:.1} MB for {n} shows", text.len() as f64 / 1e6);
    let region = Region::new(GLOBAL);
    let list = store::from_ron(&text, "w.ron".as_ref()).expect("loads");
    let (bytes, blocks) = live(&region);
    println!("loaded watchlist: {bytes:.1} MB live heap in {blocks} allocations");
    let region = Region::new(GLOBAL);
    let index = curtaincall::model::text_index::TextIndex::build(&list);
    let (bytes, _) = live(&region);
    println!(
        "text index for searching cast, storylines and notes (built on the first search): \
         {bytes:.1} MB"
    );
    drop(index);
    let (text, on_heap) = list
        .shows
        .iter()
        .map(|show| text_of(show))
        .fold((0, 0), |(t, h), (dt, dh)| (t + dt, h + dh));
    println!(
        "text: {:.1} MB, of which {:.1} MB in heap blocks (notes, storyline texts, summaries, \
         ids, titles, status notes; short names are stored inline); the rest of the heap is \
         structure",
        text as f64 / 1e6,
        on_heap as f64 / 1e6
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

/// Bytes of text one show holds: (all of it, the part in heap blocks). `String`s keep their
/// text on the heap; short texts (`Name`, up to 24 bytes) are stored inline.
fn text_of(show: &Show) -> (usize, usize) {
    let mut total = 0;
    let mut heap = 0;
    let mut string = |s: &str| {
        total += s.len();
        heap += s.len();
    };
    string(&show.id);
    string(&show.title);
    show.status_history.iter().for_each(|c| string(&c.note));
    string(&show.notes);
    string(&show.summary);
    show.storylines.iter().for_each(|s| string(&s.text));
    let mut names: Vec<&Name> = Vec::new();
    names.extend(&show.network);
    names.extend(&show.creators);
    names.extend(&show.studios);
    names.extend(&show.genres);
    names.extend(&show.tags);
    for member in &show.cast {
        names.push(&member.actor);
        names.extend(&member.character);
    }
    for storyline in &show.storylines {
        names.push(&storyline.title);
        // Packed into one name per storyline, inline when short (see `NameList`).
        total += storyline.characters.iter().map(str::len).sum::<usize>();
    }
    for name in names {
        total += name.len();
        if name.is_heap_allocated() {
            heap += name.len();
        }
    }
    (total, heap)
}
