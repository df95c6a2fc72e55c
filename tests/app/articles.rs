//! Reading news articles: the corpus in `tests/fixtures/articles/` (26 articles written for
//! these tests, each with the facts a careful reader takes from it) read against the sample
//! watchlist, with precision and recall per kind of fact. The thresholds are the product's:
//! a wrong status is worse than none (outcome precision 0.95), a wrong character nearly as bad
//! (cast–character precision 0.9), and most of what an article says must come through
//! (overall recall 0.8).

use std::collections::BTreeMap;
use std::path::Path;

use curtaincall::article::{self, What};
use curtaincall::model::ids::fold;
use curtaincall::model::{ScoreKind, ScoreSource, Status};
use serde_json::Value;

/// Facts of one kind, as comparable strings: (show, what).
type Facts = BTreeMap<&'static str, Vec<String>>;

fn expected(json: &Value) -> Facts {
    let mut facts = Facts::new();
    for show in json["shows"].as_array().into_iter().flatten() {
        let title = fold(show["title"].as_str().unwrap_or_default());
        let mut put = |kind: &'static str, what: String| {
            facts
                .entry(kind)
                .or_default()
                .push(format!("{title}: {what}"));
        };
        if let Some(outcome) = show["outcome"].as_str() {
            put("outcome", outcome.to_owned());
            if let Some(day) = show["outcome_date"].as_str() {
                put("outcome date", day.to_owned());
            }
        }
        if let Some(network) = show["network"].as_str() {
            put("network", network.to_owned());
        }
        for score in show["scores"].as_array().into_iter().flatten() {
            put(
                "score",
                format!(
                    "{} {} {}",
                    score["source"].as_str().unwrap_or_default(),
                    score["kind"].as_str().unwrap_or_default(),
                    score["value"].as_f64().unwrap_or_default()
                ),
            );
        }
        for creator in show["creators"].as_array().into_iter().flatten() {
            put("creator", creator.as_str().unwrap_or_default().to_owned());
        }
        if let Some(studio) = show["studio"].as_str() {
            put("studio", studio.to_owned());
        }
        if let Some(seasons) = show["seasons"].as_u64() {
            put("seasons", seasons.to_string());
        }
        for member in show["cast"].as_array().into_iter().flatten() {
            let actor = member["actor"].as_str().unwrap_or_default();
            match member["character"].as_str() {
                Some(character) => put("cast–character", format!("{actor} as {character}")),
                None => put("cast", actor.to_owned()),
            }
        }
        for storyline in show["storylines"].as_array().into_iter().flatten() {
            let mut characters: Vec<&str> = storyline["characters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            characters.sort_unstable();
            put("storyline", characters.join(", "));
        }
    }
    facts
}

fn read(reading: &article::Reading) -> Facts {
    let mut facts = Facts::new();
    for show in &reading.shows {
        let title = fold(&show.title);
        let mut put = |kind: &'static str, what: String| {
            facts
                .entry(kind)
                .or_default()
                .push(format!("{title}: {what}"));
        };
        for fact in &show.facts {
            match &fact.what {
                What::Outcome { status, on, .. } => {
                    let word = match status {
                        Status::Canceled => "canceled",
                        Status::Returning => "renewed",
                        Status::Ended => "ended",
                        _ => "other",
                    };
                    put("outcome", word.to_owned());
                    if let Some(on) = on {
                        put("outcome date", on.to_string());
                    }
                }
                What::Network { name } => put("network", name.clone()),
                What::Score {
                    source,
                    score_kind,
                    value,
                    ..
                } => {
                    let source = match source {
                        ScoreSource::RottenTomatoes => "rotten-tomatoes",
                        ScoreSource::Metacritic => "metacritic",
                        ScoreSource::Imdb => "imdb",
                        _ => "other",
                    };
                    let kind = match score_kind {
                        ScoreKind::Critic => "critics",
                        _ => "audience",
                    };
                    put("score", format!("{source} {kind} {value}"));
                }
                What::Creators { names } => {
                    for name in names {
                        put("creator", name.clone());
                    }
                }
                What::Studio { name } => put("studio", name.clone()),
                What::Seasons { count } => put("seasons", count.to_string()),
                What::Cast { actor, character } => match character {
                    Some(character) => put("cast–character", format!("{actor} as {character}")),
                    None => put("cast", actor.clone()),
                },
                What::Storyline { characters, .. } => {
                    let mut characters = characters.clone();
                    characters.sort_unstable();
                    put("storyline", characters.join(", "));
                }
            }
        }
    }
    facts
}

/// True positives, predicted, expected.
#[derive(Default, Clone, Copy)]
struct Tally {
    hits: usize,
    predicted: usize,
    expected: usize,
}

impl Tally {
    fn precision(self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.hits as f64 / self.predicted as f64
        }
    }

    fn recall(self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.hits as f64 / self.expected as f64
        }
    }
}

/// Reads every article in `folder` and tallies each kind of fact; prints the table and every
/// miss. Returns the tallies and the number of articles.
fn score(folder: &str) -> (BTreeMap<&'static str, Tally>, Tally, usize, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let watchlist = curtaincall::model::sample().expect("sample");
    let mut tallies: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    let mut articles = 0;
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("the corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    for path in names {
        articles += 1;
        let text = std::fs::read_to_string(&path).expect("reads");
        let json: Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("json")).expect("its facts"),
        )
        .expect("JSON");
        let published = json["published"].as_str().and_then(|d| d.parse().ok());
        let reading = article::read(&text, &watchlist, published);
        let (want, got) = (expected(&json), read(&reading));
        let name = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        for kind in want
            .keys()
            .chain(got.keys())
            .collect::<std::collections::BTreeSet<_>>()
        {
            let tally = tallies.entry(kind).or_default();
            let wanted = want.get(kind).cloned().unwrap_or_default();
            let found = got.get(kind).cloned().unwrap_or_default();
            let hits = found.iter().filter(|f| wanted.contains(f)).count();
            tally.hits += hits;
            tally.predicted += found.len();
            tally.expected += wanted.len();
            for f in found.iter().filter(|f| !wanted.contains(f)) {
                misses.push(format!("{name}: wrong {kind}: {f}"));
            }
            for w in wanted.iter().filter(|w| !found.contains(w)) {
                misses.push(format!("{name}: missed {kind}: {w}"));
            }
        }
    }
    let mut all = Tally::default();
    let mut table = format!("{folder}: kind | precision | recall | found / expected\n");
    for (kind, tally) in &tallies {
        all.hits += tally.hits;
        all.predicted += tally.predicted;
        all.expected += tally.expected;
        table.push_str(&format!(
            "{kind} | {:.2} | {:.2} | {} / {}\n",
            tally.precision(),
            tally.recall(),
            tally.hits,
            tally.expected
        ));
    }
    table.push_str(&format!(
        "all | {:.2} | {:.2} | {} / {}\n",
        all.precision(),
        all.recall(),
        all.hits,
        all.expected
    ));
    eprintln!("{table}");
    for miss in &misses {
        eprintln!("{miss}");
    }
    (tallies, all, articles, table)
}

#[test]
fn the_corpus_is_read_with_the_precision_and_recall_the_product_needs() {
    let (tallies, all, articles, table) = score("articles");
    assert!(articles >= 25, "the corpus has {articles} articles");
    let outcome = tallies.get("outcome").copied().unwrap_or_default();
    let cast = tallies.get("cast–character").copied().unwrap_or_default();
    assert!(
        outcome.precision() >= 0.95,
        "outcome precision {:.2}\n{table}",
        outcome.precision()
    );
    assert!(
        cast.precision() >= 0.9,
        "cast–character precision {:.2}\n{table}",
        cast.precision()
    );
    assert!(
        all.recall() >= 0.8,
        "overall recall {:.2}\n{table}",
        all.recall()
    );
}

/// Reads the articles in `folder` (at least twelve) and fails on a wrong outcome, the
/// product's hardest rule; the other figures are reported in the README.
fn no_wrong_outcome_in(folder: &str) {
    let (tallies, _, articles, table) = score(folder);
    assert!(articles >= 12);
    let outcome = tallies.get("outcome").copied().unwrap_or_default();
    assert!(
        outcome.precision() >= 0.95,
        "outcome precision {:.2}\n{table}",
        outcome.precision()
    );
}

/// Twelve articles written apart from the reader and from the first corpus: what the reader
/// does with text it was not built against.
#[test]
fn articles_the_reader_was_not_tuned_on_give_no_wrong_outcome() {
    no_wrong_outcome_in("articles-holdout");
}

/// Twelve more, written last (2026-11-30) by someone who had read neither the reader nor the
/// two sets above; their first read is reported in the README beside today's.
#[test]
fn articles_written_after_the_reader_give_no_wrong_outcome() {
    no_wrong_outcome_in("articles-unseen");
}

fn curtaincall(dir: &Path, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    use std::io::Write as _;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_curtaincall"))
        .env_remove("CURTAINCALL_DATA")
        .env("CURTAINCALL_STATE_DIR", dir.join("state"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("writes");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("output")
}

fn corpus(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/articles")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn read_article_prints_the_changes_with_their_sentences_and_applies_them_with_apply() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("w.ron");
    curtaincall::store::save_atomic(&data, &curtaincall::model::sample().expect("sample"))
        .expect("writes");
    let data_arg = data.to_str().expect("utf-8");
    let before = std::fs::read(&data).expect("reads");

    // A show on the watchlist: what changes, and from which sentence; nothing written.
    let out = curtaincall(
        dir.path(),
        &[
            "read-article",
            &corpus("13-slow-horses-renewed.txt"),
            "--data",
            data_arg,
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.contains("Slow Horses — on your watchlist"),
        "{printed}"
    );
    assert!(
        printed.contains("Cast: Gary Oldman as Jackson Lamb"),
        "{printed}"
    );
    assert!(
        printed.contains("“Apple TV+ renewed Slow Horses for an eighth season"),
        "{printed}"
    );
    assert!(printed.contains("run again with --apply"), "{printed}");
    assert_eq!(
        std::fs::read(&data).expect("reads"),
        before,
        "nothing written"
    );

    // A show not on the watchlist, applied, from standard input, with its source and day.
    let text = std::fs::read_to_string(corpus("11-cartographers-canceled.txt")).expect("reads");
    let out = curtaincall(
        dir.path(),
        &[
            "read-article",
            "-",
            "--apply",
            "--source",
            "Variety",
            "--published",
            "2026-03-05",
            "--json",
            "--data",
            data_arg,
        ],
        Some(&text),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["applied"], true);
    let facts = json["shows"][0]["facts"].as_array().expect("facts");
    assert!(
        facts
            .iter()
            .all(|f| !f["sentence"].as_str().unwrap_or("").is_empty())
    );
    let watchlist = crate::common::loaded(&data);
    let show = watchlist.find("The Cartographers").expect("added");
    assert_eq!(show.status, Status::Canceled);
    assert_eq!(show.network.as_deref(), Some("Netflix"));
    let change = show.status_history.last().expect("a history");
    assert_eq!(
        change.source,
        curtaincall::model::Source::Url("Variety".into())
    );
    assert!(
        show.cast
            .iter()
            .any(|m| m.actor == "Jonah Pryor" && m.character.as_deref() == Some("Elias Thorn"))
    );

    // --show names the watchlist show an article calls by another title: its facts go there.
    let out = curtaincall(
        dir.path(),
        &[
            "read-article",
            "-",
            "--show",
            "The Marvelous Mrs. Maisel",
            "--apply",
            "--data",
            data_arg,
        ],
        Some(
            "Prime Video has renewed the comedy \"Mrs. Maisel\" for a sixth season. \
             \"Mrs. Maisel\" holds an 89% critics score on Rotten Tomatoes.",
        ),
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{printed}");
    assert!(
        printed.contains("Mrs. Maisel — taken as The Marvelous Mrs. Maisel on your watchlist"),
        "{printed}"
    );
    let watchlist = crate::common::loaded(&data);
    assert!(watchlist.find("Mrs. Maisel").is_err(), "no new show");
    assert_eq!(
        watchlist
            .find("The Marvelous Mrs. Maisel")
            .expect("there")
            .status,
        Status::Returning
    );

    // What is not an article is refused, and the file is left as it was.
    let written = std::fs::read(&data).expect("reads");
    let binary = dir.path().join("noise.bin");
    std::fs::write(&binary, [0u8, 159, 146, 150, 255, 0, 1]).expect("writes");
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><body><script>x()</script></body></html>",
    )
    .expect("writes");
    for (input, says) in [
        (&binary, "is not text"),
        (&page, "no article could be found"),
    ] {
        let out = curtaincall(
            dir.path(),
            &[
                "read-article",
                input.to_str().expect("utf-8"),
                "--apply",
                "--data",
                data_arg,
            ],
            None,
        );
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(says),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(std::fs::read(&data).expect("reads"), written);
}

#[test]
fn an_article_pasted_in_the_window_is_reviewed_and_the_kept_changes_undo_in_one_step() {
    use crate::common::{click, open, temp_data, type_into, wait_for_label_containing};
    use egui_kittest::kittest::Queryable as _;
    let (_dir, path) = temp_data();
    std::fs::write(&path, curtaincall::model::SAMPLE_RON).expect("writes");
    let mut harness = open(&path);
    click(&mut harness, "🗄 File");
    click(&mut harness, "Read an article…");
    type_into(
        &mut harness,
        "Article",
        "Apple TV+ has canceled Slow Horses after five seasons. The spy drama holds a 95% \
         critics score on Rotten Tomatoes. Ruth Ellery plays Nell Carrow, and Tom Askwith plays \
         Dev Burke. The finale left Nell Carrow's fate unresolved.",
    );
    type_into(&mut harness, "Published by", "Test Weekly");
    click(&mut harness, "Read");
    wait_for_label_containing(&mut harness, "Status: Returning » Canceled");
    harness.get_by_label_contains("Rotten Tomatoes critic: 95%");
    assert!(
        harness
            .query_all_by_label_contains("“Apple TV+ has canceled Slow Horses after five seasons.”")
            .next()
            .is_some(),
        "each change shows the sentence it came from"
    );
    assert_eq!(
        harness
            .state()
            .watchlist()
            .expect("open")
            .find("Slow Horses")
            .expect("there")
            .status,
        Status::Returning,
        "nothing changes before Apply"
    );
    // Leave one change out, apply the rest.
    click(&mut harness, "Cast: Tom Askwith as Dev Burke");
    harness.get_by_label_contains("Apply ").click();
    harness.run();
    let show = harness
        .state()
        .watchlist()
        .expect("open")
        .find("Slow Horses")
        .expect("there")
        .clone();
    assert_eq!(show.status, Status::Canceled);
    assert_eq!(
        show.status_history.last().map(|c| c.source.clone()),
        Some(curtaincall::model::Source::Url("Test Weekly".into()))
    );
    assert!(show.cast.iter().any(|m| m.actor == "Ruth Ellery"));
    assert!(
        !show.cast.iter().any(|m| m.actor == "Tom Askwith"),
        "left out"
    );
    let storyline = show
        .storylines
        .iter()
        .find(|s| s.characters.iter().any(|c| c == "Nell Carrow"))
        .expect("the storyline left open");
    assert_eq!(
        storyline.state,
        curtaincall::model::StorylineState::Unresolved,
        "left unresolved by the cancellation"
    );
    // One Ctrl+Z takes all of it back.
    harness.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::Z);
    harness.run();
    let show = harness
        .state()
        .watchlist()
        .expect("open")
        .find("Slow Horses")
        .expect("there")
        .clone();
    assert_eq!(show.status, Status::Returning);
    assert!(!show.cast.iter().any(|m| m.actor == "Ruth Ellery"));
}

#[test]
fn a_show_the_article_names_by_another_title_is_matched_to_the_watchlist_show_in_the_review() {
    use crate::common::{click, open, temp_data, type_into, wait_for_label_containing};
    use egui_kittest::kittest::Queryable as _;
    let (_dir, path) = temp_data();
    std::fs::write(&path, curtaincall::model::SAMPLE_RON).expect("writes");
    let mut harness = open(&path);
    let shows_before = harness.state().watchlist().expect("open").shows.len();
    click(&mut harness, "🗄 File");
    click(&mut harness, "Read an article…");
    harness.run();
    assert!(
        harness.get_by_label("Article").is_focused(),
        "typing goes into the article at once"
    );
    type_into(
        &mut harness,
        "Article",
        "Prime Video has renewed the comedy \"Mrs. Maisel\" for a sixth season. \
         \"Mrs. Maisel\" holds an 89% critics score on Rotten Tomatoes.",
    );
    click(&mut harness, "Read");
    wait_for_label_containing(&mut harness, "Mrs. Maisel — new show");
    // The watchlist's own title is offered among the alike ones; choosing it makes the
    // changes the show's.
    click(&mut harness, "Same show as");
    harness
        .query_all_by_label("The Marvelous Mrs. Maisel")
        .last()
        .expect("offered as alike")
        .click();
    harness.run();
    wait_for_label_containing(&mut harness, "the same show as The Marvelous Mrs. Maisel");
    harness.get_by_label_contains("Status: Ended » Returning");
    harness.get_by_label_contains("Apply ").click();
    harness.run();
    let list = harness.state().watchlist().expect("open").clone();
    assert_eq!(list.shows.len(), shows_before, "no show added");
    let maisel = list.find("The Marvelous Mrs. Maisel").expect("there");
    assert_eq!(maisel.status, Status::Returning);
    assert!(
        maisel
            .scores
            .iter()
            .any(|s| s.value == 89.0 && s.source == curtaincall::model::ScoreSource::RottenTomatoes)
    );
}

/// A news page as sites serve them: navigation, scripts and a footer around the article.
const PAGE: &str = r#"<!DOCTYPE html><html><head><title>Apple TV+ cancels Slow Horses</title>
<meta property="og:site_name" content="Test Weekly">
<meta property="article:published_time" content="2026-03-04T09:00:00Z">
<script>window.track && track("pageview");</script></head><body>
<nav><a href="/">Home</a> <a href="/tv">TV</a> <a href="/subscribe">Subscribe</a></nav>
<article><h1>Apple TV+ cancels Slow Horses</h1>
<p>Apple TV+ has canceled Slow Horses after five seasons, ending the spy drama about the
misfits of Slough House. The series holds a 95% critics score on Rotten Tomatoes.</p>
<p>Ruth Ellery plays Nell Carrow, a newcomer to the team, and the finale left Nell Carrow's
fate unresolved. Viewers had hoped for a sixth season, and the cast thanked them online.</p>
</article><aside>Most read: The Quiet Acre is canceled, readers say</aside>
<footer>© Test Weekly. Cookie settings.</footer></body></html>"#;

#[test]
fn read_article_takes_the_article_out_of_a_page_fetched_or_saved() {
    use crate::common::fake_server::{FakeServer, Reply};
    let server = FakeServer::start();
    server.route(
        "/tv/slow-horses-canceled",
        vec![Reply::Status(
            200,
            vec![(
                "Content-Type".to_owned(),
                "text/html; charset=utf-8".to_owned(),
            )],
            PAGE.to_owned(),
        )],
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("w.ron");
    curtaincall::store::save_atomic(&data, &curtaincall::model::sample().expect("sample"))
        .expect("writes");
    let address = format!("{}/tv/slow-horses-canceled", server.url());
    let out = curtaincall(
        dir.path(),
        &[
            "read-article",
            &address,
            "--apply",
            "--data",
            data.to_str().expect("utf-8"),
            // The catalog overridden to this computer: plain http to it is allowed, as in tests.
            "--tvmaze-url",
            &server.url(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.contains("Status: Returning » Canceled"),
        "{printed}"
    );
    assert!(
        !printed.contains("Quiet Acre"),
        "the sidebar is not the article: {printed}"
    );
    let watchlist = crate::common::loaded(&data);
    let show = watchlist.find("Slow Horses").expect("there");
    assert_eq!(show.status, Status::Canceled);
    let change = show.status_history.last().expect("history");
    assert_eq!(
        change.source,
        curtaincall::model::Source::Url("Test Weekly".into())
    );
    assert_eq!(change.on, "2026-03-04".parse().ok(), "the page's day");

    // The same page saved and dropped on the window: the review, nothing changed yet.
    use crate::common::{open, temp_data, wait_for_label_containing};
    let (_dir, path) = temp_data();
    std::fs::write(&path, curtaincall::model::SAMPLE_RON).expect("writes");
    let page = path.with_file_name("slow-horses.html");
    std::fs::write(&page, PAGE).expect("writes");
    let mut harness = open(&path);
    harness
        .input_mut()
        .dropped_files
        .push(crate::common::dropped(&page));
    harness.run();
    wait_for_label_containing(&mut harness, "Status: Returning » Canceled");
    assert_eq!(
        harness
            .state()
            .watchlist()
            .expect("open")
            .find("Slow Horses")
            .expect("there")
            .status,
        Status::Returning
    );
}
