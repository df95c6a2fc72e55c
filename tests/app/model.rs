//! The model: the sample watchlist, RON round trips, and actions with undo.

use std::sync::Arc;
use std::time::{Duration, Instant};

use curtaincall::model::{
    self, Action, CastMember, EpisodeRef, Score, ScoreKind, ScorePoint, ScoreSource, Show,
    ShowEdit, Source, Status, Storyline, StorylineState, Watchlist,
};
use curtaincall::session::Document;
use curtaincall::store::{from_ron, to_ron};
use jiff::civil::date;

fn sample() -> Watchlist {
    model::sample().expect("the embedded sample parses")
}

#[test]
fn sample_holds_etoile_with_the_facts_of_its_cancellation() {
    let watchlist = sample();
    let etoile = watchlist.get("etoile").expect("Étoile is in the sample");
    assert_eq!(etoile.title, "Étoile");
    assert_eq!(etoile.network.as_deref(), Some("Prime Video"));
    assert_eq!(
        etoile.creators,
        ["Amy Sherman-Palladino", "Daniel Palladino"]
    );
    assert_eq!(etoile.studios, ["Amazon MGM Studios"]);
    assert_eq!(etoile.status, Status::Canceled);
    let score = etoile.critic_score().expect("a critic score");
    assert_eq!(
        (&score.source, score.kind, score.value, score.out_of),
        (&ScoreSource::RottenTomatoes, ScoreKind::Critic, 85.0, 100.0)
    );
    assert_eq!(score.display(), "85%");
    let character = |actor: &str| {
        etoile
            .cast
            .iter()
            .find(|m| m.actor == actor)
            .map(|m| m.character.clone())
    };
    assert_eq!(character("Luke Kirby"), Some(Some("Jack".into())));
    assert_eq!(character("Lou de Laâge"), Some(Some("Cheyenne".into())));
    for actor in ["Charlotte Gainsbourg", "Gideon Glick", "David Alvarez"] {
        assert!(character(actor).is_some(), "{actor} is in the cast");
    }
    let storyline = &etoile.storylines[0];
    assert_eq!(storyline.title, "Jack and Cheyenne");
    assert_eq!(storyline.state, StorylineState::Unresolved);
    assert_eq!(storyline.left_at, Some(EpisodeRef(1, 8)));
    assert_eq!(etoile.unresolved_count(), 1);
    assert!(
        etoile
            .status_history
            .iter()
            .any(|c| c.status == Status::Returning && c.note.contains("2023")),
        "the two-season order of 2023 is in the history"
    );
}

#[test]
fn a_summary_counts_in_words_singular_for_one() {
    let mut watchlist = sample();
    assert_eq!(watchlist.summary(), "5 shows, 1 storyline");
    watchlist.shows.truncate(1);
    let only = Arc::make_mut(&mut watchlist.shows[0]);
    only.storylines.clear();
    assert_eq!(watchlist.summary(), "1 show, 0 storylines");
}

#[test]
fn sample_has_other_series_with_other_statuses() {
    let watchlist = sample();
    for title in ["Gilmore Girls", "The Marvelous Mrs. Maisel"] {
        assert!(watchlist.find(title).is_ok(), "{title} is in the sample");
    }
    let others: Vec<&Show> = watchlist
        .shows
        .iter()
        .map(Arc::as_ref)
        .filter(|s| s.status != Status::Canceled)
        .collect();
    assert!(others.len() >= 3);
    assert!(
        others
            .iter()
            .any(|s| matches!(s.status, Status::Airing | Status::Returning)),
        "one show is airing or renewed"
    );
}

fn hostile_show() -> Show {
    let mut show = Show::new("etoile", "Étoile", Status::Airing);
    show.notes =
        "She said \"wait\".\nThen: r#\"raw\"# and a back\\slash.\n\n\tIndented — 東京 🎭".into();
    show.network = Some("Prime \"Video\"".into());
    show.scores.push(Score {
        source: ScoreSource::Imdb,
        kind: ScoreKind::Audience,
        value: 8.1,
        out_of: 10.0,
        as_of: Some(date(2025, 5, 1)),
        url: Some("https://example.org/?q=\"x\"".to_owned()),
        history: vec![ScorePoint {
            value: 7.4,
            as_of: None,
        }],
    });
    show.cast.push(CastMember {
        actor: "Lou de Laâge".into(),
        character: None,
        billing: model::Billing::Recurring,
    });
    let mut storyline = Storyline::new("Who's \"Jack\"?");
    storyline.text = "line one\nline two with \"# inside".into();
    storyline.left_at = Some(EpisodeRef(2, 3));
    storyline.characters = ["Jack"].into_iter().collect();
    show.storylines.push(storyline);
    show
}

#[test]
fn ron_round_trip_keeps_every_character() {
    let mut watchlist = sample();
    watchlist.shows.push(Arc::new(hostile_show()));
    let text = to_ron(&watchlist).expect("serializes");
    let back = from_ron(&text, "test.ron".as_ref()).expect("parses back");
    assert_eq!(back, watchlist);
    assert_eq!(
        to_ron(&back).expect("serializes"),
        text,
        "saving twice gives identical bytes"
    );
}

#[test]
fn notes_with_newlines_stay_readable_in_the_file() {
    let mut watchlist = Watchlist::default();
    let mut show = Show::new("x", "X", Status::Airing);
    show.notes = "first line\nsecond line".into();
    watchlist.shows.push(Arc::new(show));
    let text = to_ron(&watchlist).expect("serializes");
    assert!(text.contains("first line\nsecond line"), "{text}");
    assert!(text.contains("schema_version: 2"));
}

#[test]
fn hand_written_whole_number_scores_load() {
    let text = r#"(schema_version: 1, shows: [(id: "a", title: "A", status: Airing,
        scores: [(source: Metacritic, kind: Critic, value: 74, out_of: 100)])])"#;
    let watchlist = from_ron(text, "hand.ron".as_ref()).expect("loads");
    assert_eq!(watchlist.shows[0].scores[0].value, 74.0);
}

#[test]
fn canceling_records_history_and_marks_open_storylines_unresolved_in_one_undo_step() {
    let mut doc = Document::new(sample());
    let today = date(2026, 11, 25);
    let now = Instant::now();
    doc.apply(
        Action::Edit {
            id: "gilmore-girls".into(),
            edit: ShowEdit::AddStoryline(Storyline::new("Rory's future")),
        },
        today,
        now,
    )
    .expect("adds a storyline");
    let before = doc.watchlist().clone();
    doc.apply(
        Action::SetStatus {
            id: "gilmore-girls".into(),
            status: Status::Canceled,
            source: Source::Manual,
            note: "revival canceled".into(),
            on: None,
        },
        today,
        now,
    )
    .expect("sets the status");
    let show = doc.watchlist().get("gilmore-girls").expect("still there");
    assert_eq!(show.status, Status::Canceled);
    let last = show.status_history.last().expect("history entry");
    assert_eq!(
        (last.status, last.on, &last.source, last.note.as_str()),
        (
            Status::Canceled,
            Some(today),
            &Source::Manual,
            "revival canceled"
        )
    );
    assert_eq!(show.storylines[0].state, StorylineState::Unresolved);
    doc.undo().expect("undoes");
    assert_eq!(
        doc.watchlist(),
        &before,
        "one undo reverts status, history and storylines"
    );
    doc.redo().expect("redoes");
    assert_eq!(
        doc.watchlist().get("gilmore-girls").map(|s| s.status),
        Some(Status::Canceled)
    );
}

#[test]
fn setting_the_same_status_is_refused() {
    let mut watchlist = sample();
    let error = watchlist
        .apply(
            Action::SetStatus {
                id: "etoile".into(),
                status: Status::Canceled,
                source: Source::Manual,
                note: String::new(),
                on: None,
            },
            date(2026, 1, 1),
        )
        .expect_err("already canceled");
    assert_eq!(error, model::ActionError::SameStatus(Status::Canceled));
}

#[test]
fn added_shows_get_unique_ids_and_a_first_history_entry() {
    let mut watchlist = sample();
    let today = date(2026, 11, 25);
    for _ in 0..2 {
        watchlist
            .apply(
                Action::AddShow(Box::new(Show::new("", "Étoile", Status::Planned))),
                today,
            )
            .expect("adds");
    }
    let ids: Vec<&str> = watchlist.shows.iter().map(|s| s.id.as_str()).collect();
    assert!(
        ids.contains(&"etoile-2") && ids.contains(&"etoile-3"),
        "{ids:?}"
    );
    let added = watchlist.get("etoile-2").expect("added");
    assert_eq!(added.status_history.len(), 1);
    assert_eq!(added.status_history[0].on, Some(today));
}

#[test]
fn a_deleted_show_comes_back_where_it_was() {
    let mut doc = Document::new(sample());
    let before = doc.watchlist().clone();
    doc.apply(
        Action::RemoveShow {
            id: "gilmore-girls".into(),
        },
        date(2026, 1, 1),
        Instant::now(),
    )
    .expect("removes");
    assert!(doc.watchlist().get("gilmore-girls").is_none());
    assert!(doc.is_dirty());
    doc.undo().expect("undoes");
    assert_eq!(doc.watchlist(), &before);
}

#[test]
fn a_burst_of_typing_undoes_as_one_step_but_separate_fields_do_not() {
    let mut doc = Document::new(sample());
    let start = Instant::now();
    let notes = |text: &str| Action::Edit {
        id: "etoile".into(),
        edit: ShowEdit::Notes(text.into()),
    };
    let original = doc.watchlist().get("etoile").map(|s| s.notes.clone());
    for (i, text) in ["a", "ab", "abc"].into_iter().enumerate() {
        doc.apply(
            notes(text),
            date(2026, 1, 1),
            start + Duration::from_millis(100 * i as u64),
        )
        .expect("edits");
    }
    doc.apply(
        Action::Edit {
            id: "etoile".into(),
            edit: ShowEdit::Title("Etoile".into()),
        },
        date(2026, 1, 1),
        start + Duration::from_millis(400),
    )
    .expect("renames");
    doc.undo();
    assert_eq!(
        doc.watchlist().get("etoile").map(|s| s.notes == "abc"),
        Some(true)
    );
    doc.undo();
    assert_eq!(
        doc.watchlist().get("etoile").map(|s| s.notes.clone()),
        original
    );
}

#[test]
fn edits_to_missing_items_fail_without_changing_anything() {
    let mut watchlist = sample();
    let before = watchlist.clone();
    let error = watchlist
        .apply(
            Action::Edit {
                id: "etoile".into(),
                edit: ShowEdit::RemoveCast(99),
            },
            date(2026, 1, 1),
        )
        .expect_err("no such cast member");
    assert!(error.to_string().contains("99"));
    assert_eq!(watchlist, before);
}

#[test]
fn the_readme_example_file_loads() {
    let readme = include_str!("../../README.md");
    let start = readme.find("```ron\n").expect("README has a RON example") + "```ron\n".len();
    let end = start + readme[start..].find("```").expect("closed");
    let watchlist = from_ron(&readme[start..end], "README.md".as_ref()).expect("the example loads");
    let etoile = watchlist.get("etoile").expect("Étoile");
    assert_eq!(etoile.status_history[1].on, Some(date(2026, 11, 25)));
    assert_eq!(etoile.storylines[0].left_at, Some(EpisodeRef(1, 8)));
}

#[test]
fn only_changes_that_reorder_the_list_bump_its_revision() {
    let mut doc = Document::new(sample());
    let now = Instant::now();
    let before = doc.list_revision();
    doc.apply(
        Action::Edit {
            id: "etoile".into(),
            edit: ShowEdit::Notes("typing".into()),
        },
        date(2026, 1, 1),
        now,
    )
    .expect("edits");
    assert_eq!(
        doc.list_revision(),
        before,
        "a note does not touch the list"
    );
    doc.apply(
        Action::Edit {
            id: "etoile".into(),
            edit: ShowEdit::Title("Etoile".into()),
        },
        date(2026, 1, 1),
        now,
    )
    .expect("renames");
    assert!(doc.list_revision() > before);
    let titles = doc.titles_revision();
    doc.apply(
        Action::SetStatus {
            id: "etoile".into(),
            status: Status::Returning,
            source: Source::Manual,
            note: String::new(),
            on: None,
        },
        date(2026, 1, 2),
        now,
    )
    .expect("sets the status");
    assert_eq!(
        doc.titles_revision(),
        titles,
        "a status change refilters the list but keeps the title index"
    );
    assert_eq!(doc.get("etoile").map(|s| s.title.as_str()), Some("Etoile"));
    doc.apply(
        Action::RemoveShow {
            id: "bunheads".into(),
        },
        date(2026, 1, 1),
        now,
    )
    .expect("removes");
    assert!(doc.get("bunheads").is_none());
    assert_eq!(
        doc.get("slow-horses").map(|s| s.id.as_str()),
        Some("slow-horses"),
        "index rebuilt"
    );
}

fn edit(watchlist: &mut Watchlist, edit: ShowEdit, on: jiff::civil::Date) {
    watchlist
        .apply(
            Action::Edit {
                id: "etoile".into(),
                edit,
            },
            on,
        )
        .expect("edits");
}

#[test]
fn a_new_value_of_a_score_keeps_the_old_one_in_its_history_and_undo_removes_it() {
    let mut doc = Document::new(sample());
    let etoile = |doc: &Document| doc.get("etoile").expect("Étoile").clone();
    let scores_before = etoile(&doc).scores.len();
    let mut record = |value: f64, on| {
        doc.apply(
            Action::Edit {
                id: "etoile".into(),
                edit: ShowEdit::AddScore(Score::new(
                    ScoreSource::Metacritic,
                    ScoreKind::Critic,
                    value,
                    Some(on),
                )),
            },
            on,
            Instant::now() + Duration::from_secs(60),
        )
        .expect("records");
    };
    record(71.0, date(2026, 1, 1));
    record(78.0, date(2026, 3, 1));
    let show = etoile(&doc);
    assert_eq!(show.scores.len(), scores_before + 1, "one Metacritic score");
    let meta = show.scores.last().expect("Metacritic");
    assert_eq!(meta.value, 78.0);
    let points: Vec<(f64, Option<jiff::civil::Date>)> =
        meta.points().map(|p| (p.value, p.as_of)).collect();
    assert_eq!(
        points,
        [
            (71.0, Some(date(2026, 1, 1))),
            (78.0, Some(date(2026, 3, 1)))
        ]
    );
    // The history reaches the file and comes back.
    let text = to_ron(doc.watchlist()).expect("writes");
    let back = from_ron(&text, "w.ron".as_ref()).expect("reads");
    assert_eq!(back.get("etoile").expect("Étoile").scores, show.scores);
    doc.undo();
    let meta = etoile(&doc).scores.last().cloned().expect("Metacritic");
    assert_eq!((meta.value, meta.history.len()), (71.0, 0));
}

#[test]
fn storylines_are_dated_when_written_and_when_changed() {
    let mut watchlist = sample();
    let count = watchlist.get("etoile").expect("Étoile").storylines.len();
    edit(
        &mut watchlist,
        ShowEdit::AddStoryline(Storyline::new("Who sent the letter?")),
        date(2026, 2, 1),
    );
    let added = watchlist.get("etoile").expect("Étoile").storylines[count].clone();
    assert_eq!(added.created, Some(date(2026, 2, 1)));
    assert_eq!(added.updated, Some(date(2026, 2, 1)));
    let mut changed = added.clone();
    changed.text = "The stamp is from Lyon.".into();
    changed.created = None;
    edit(
        &mut watchlist,
        ShowEdit::UpdateStoryline(count, changed),
        date(2026, 3, 5),
    );
    let now = &watchlist.get("etoile").expect("Étoile").storylines[count];
    assert_eq!(now.created, Some(date(2026, 2, 1)), "created is kept");
    assert_eq!(now.updated, Some(date(2026, 3, 5)));
}

#[test]
fn cast_members_move_in_the_billing_order_and_bad_moves_change_nothing() {
    let mut watchlist = sample();
    let actors = |w: &Watchlist| -> Vec<String> {
        w.get("etoile")
            .expect("Étoile")
            .cast
            .iter()
            .map(|c| c.actor.to_string())
            .collect()
    };
    let before = actors(&watchlist);
    assert!(before.len() >= 3, "the sample has a cast");
    edit(
        &mut watchlist,
        ShowEdit::MoveCast { from: 2, to: 0 },
        date(2026, 1, 1),
    );
    let after = actors(&watchlist);
    assert_eq!(after[0], before[2]);
    assert_eq!(after[1], before[0]);
    assert_eq!(after[2], before[1]);
    let unchanged = watchlist.clone();
    for bad in [
        ShowEdit::MoveCast { from: 0, to: 99 },
        ShowEdit::MoveCast { from: 1, to: 1 },
    ] {
        watchlist
            .apply(
                Action::Edit {
                    id: "etoile".into(),
                    edit: bad,
                },
                date(2026, 1, 1),
            )
            .expect_err("refused");
        assert_eq!(watchlist, unchanged);
    }
}

#[test]
fn a_new_document_never_reuses_another_ones_revisions() {
    // The views cache rows and indexes by revision; a reloaded or restored watchlist is a new
    // document and must not match the old one's caches.
    let first = Document::new(sample());
    let second = Document::new(sample());
    assert_ne!(first.revision(), second.revision());
    assert_ne!(first.titles_revision(), second.titles_revision());
    assert_ne!(first.list_revision(), second.list_revision());
}

#[test]
fn the_same_score_reading_twice_is_not_a_new_point_and_a_new_scale_converts_the_history() {
    let mut watchlist = sample();
    let seen = Some(date(2026, 1, 1));
    let reading = |value, out_of| {
        let mut score = Score::new(ScoreSource::Personal, ScoreKind::Audience, value, seen);
        score.out_of = out_of;
        ShowEdit::AddScore(score)
    };
    edit(&mut watchlist, reading(8.0, 10.0), date(2026, 1, 1));
    let again = watchlist.apply(
        Action::Edit {
            id: "etoile".into(),
            edit: reading(8.0, 10.0),
        },
        date(2026, 1, 1),
    );
    assert!(matches!(again, Err(model::ActionError::Unchanged)));
    edit(&mut watchlist, reading(90.0, 100.0), date(2026, 2, 1));
    let mine = watchlist
        .get("etoile")
        .expect("Étoile")
        .scores
        .last()
        .cloned();
    let points: Vec<f64> = mine.expect("mine").points().map(|p| p.value).collect();
    assert_eq!(points, [80.0, 90.0], "8/10 reads as 80 out of 100");
}

#[test]
fn tags_are_trimmed_never_doubled_and_removed_ignoring_case_and_accents_with_undo() {
    let mut doc = Document::new(sample());
    let now = Instant::now();
    let tag = |doc: &mut Document, edit: ShowEdit| {
        doc.apply(
            Action::Edit {
                id: "slow-horses".into(),
                edit,
            },
            date(2026, 11, 25),
            now,
        )
    };
    let tags = |doc: &Document| doc.get("slow-horses").expect("show").tags.clone();
    tag(&mut doc, ShowEdit::AddTag("  Espionage ".into())).expect("added");
    assert_eq!(tags(&doc), ["with Sam", "Espionage"]);
    for refused in ["espionage", "ÉSPIONAGE", "   "] {
        tag(&mut doc, ShowEdit::AddTag(refused.into())).expect_err("refused");
    }
    assert_eq!(tags(&doc), ["with Sam", "Espionage"]);
    tag(&mut doc, ShowEdit::RemoveTag("WITH sam".into())).expect("removed");
    assert_eq!(tags(&doc), ["Espionage"]);
    tag(&mut doc, ShowEdit::RemoveTag("nothing".into())).expect_err("not there");
    doc.undo().expect("undo");
    assert_eq!(tags(&doc), ["with Sam", "Espionage"]);
    let text = to_ron(doc.watchlist()).expect("serializes");
    let back = from_ron(&text, "tags.ron".as_ref()).expect("loads");
    assert_eq!(
        back.get("slow-horses").expect("show").tags,
        ["with Sam", "Espionage"]
    );
}

#[test]
fn a_storyline_written_down_for_a_canceled_show_starts_unresolved_unless_said_otherwise() {
    let mut watchlist = sample();
    let add = |storyline: Storyline| Action::Edit {
        id: "etoile".into(),
        edit: ShowEdit::AddStoryline(storyline),
    };
    let today = jiff::civil::date(2026, 11, 30);
    watchlist
        .apply(add(Storyline::new("Who bought the theatre?")), today)
        .expect("adds");
    let mut resolved = Storyline::new("The gala");
    resolved.state = StorylineState::Resolved;
    watchlist.apply(add(resolved), today).expect("adds");
    let etoile = watchlist.get("etoile").expect("etoile");
    let states: Vec<StorylineState> = etoile.storylines.iter().map(|s| s.state).collect();
    assert_eq!(
        states,
        [
            StorylineState::Unresolved,
            StorylineState::Unresolved,
            StorylineState::Resolved
        ]
    );
    assert_eq!(etoile.unresolved_count(), 2);
}
