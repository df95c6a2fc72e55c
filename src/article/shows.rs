//! Which shows an article is about: titles on the watchlist (accents and case ignored), and
//! titles it names that are not (in quotes, or beside "series", "drama", "comedy"…), then, for
//! each sentence, the shows it names and the show it goes on about when it names none.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::index::Index;
use super::text::{self, Pattern, Sentence};
use crate::model::ids::fold;

/// A show the article is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub title: String,
    /// The watchlist show's id; `None` for a title the article names that is not on it.
    pub id: Option<String>,
    /// How the title is found in folded sentences.
    folded: String,
}

impl Named {
    /// The folded forms the title is found by: itself and, for a watchlist title of two words
    /// or more after its "The", the title without it.
    fn forms(&self) -> impl Iterator<Item = &str> {
        let without_the = self
            .folded
            .strip_prefix("the ")
            .filter(|rest| self.id.is_some() && rest.contains(' '));
        std::iter::once(self.folded.as_str()).chain(without_the)
    }
}

/// What one sentence is about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct About {
    /// The shows it names, with where in the folded sentence, in order.
    pub named: Vec<(usize, usize)>,
    /// The show the article was talking about before this sentence (the last one named).
    pub referent: Option<usize>,
    /// The article's main show (named most), when this sentence names it.
    primary_here: Option<usize>,
}

impl About {
    /// The show a fact in this sentence is about: the article's main show when this sentence
    /// names it, else the first show it names, else the one the article was talking about.
    pub fn main(&self) -> Option<usize> {
        self.primary_here
            .or(self.named.first().map(|n| n.0))
            .or(self.referent)
    }

    /// The show named nearest to `at` (a position in the folded sentence), else the show the
    /// article was talking about.
    pub fn nearest(&self, at: usize) -> Option<usize> {
        self.named
            .iter()
            .min_by_key(|(_, pos)| pos.abs_diff(at))
            .map(|n| n.0)
            .or(self.referent)
    }
}

/// The shows found and what each sentence is about.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub shows: Vec<Named>,
    pub about: Vec<About>,
}

/// The most mentions of one show counted in one sentence.
const MENTIONS: usize = 8;

/// The most titles taken that are not on the watchlist: an article is about a few shows, and
/// each candidate costs a look through the whole text.
const MAX_NEW_TITLES: usize = 40;

/// Genre words a title stands beside.
const GENRES: &str = "series|show|drama|comedy|dramedy|thriller|sitcom|miniseries|procedural|anthology|mystery|adaptation|spinoff|spin-off|saga|western|romance|soap|docuseries";

/// Finds the shows in `sentences`.
pub fn find(sentences: &[Sentence], index: &Index) -> Found {
    let mut shows: Vec<Named> = Vec::new();
    for (title, id) in on_watchlist(sentences, index) {
        shows.push(Named {
            folded: fold(&title),
            title,
            id: Some(id),
        });
    }
    for title in new_titles(sentences) {
        let folded = fold(&title);
        if !shows.iter().any(|s| s.forms().any(|form| form == folded)) {
            shows.push(Named {
                title,
                id: None,
                folded,
            });
        }
    }
    // Where each show is named: whole words of the folded sentence; a one-word title only
    // where the sentence writes it with its capital ("Lost", not "lost").
    let mut about: Vec<About> = sentences
        .iter()
        .map(|sentence| {
            // (show, where, how long)
            let mut mentions: Vec<(usize, usize, usize)> = Vec::new();
            for (i, show) in shows.iter().enumerate() {
                for form in show.forms() {
                    // A few mentions per sentence say all there is to say (and keep a hostile
                    // line of ten thousand titles linear).
                    for (at, _) in sentence.folded.match_indices(form).take(MENTIONS) {
                        let single = !form.contains(' ');
                        if whole_word(&sentence.folded, at, form.len())
                            && (!single || capitalised(&sentence.text, form))
                        {
                            mentions.push((i, at, form.len()));
                        }
                    }
                }
            }
            // A title inside a longer one ("Maisel" in "The Marvelous Mrs. Maisel") is the
            // longer one's.
            let spans: Vec<(usize, usize)> = mentions
                .iter()
                .map(|(_, at, len)| (*at, at + len))
                .collect();
            let mut named: Vec<(usize, usize)> = mentions
                .iter()
                .filter(|(_, at, len)| {
                    let end = at + len;
                    !spans
                        .iter()
                        .any(|(s, e)| *s <= *at && end <= *e && (e - s) > (end - at))
                })
                .map(|(i, at, _)| (*i, *at))
                .collect();
            named.sort_by_key(|(_, at)| *at);
            named.dedup();
            About {
                named,
                ..About::default()
            }
        })
        .collect();
    // The show named most is the article's main show; the others are talked about in turn.
    let mut counts = vec![0usize; shows.len()];
    for sentence in &about {
        for (show, _) in &sentence.named {
            counts[*show] += 1;
        }
    }
    let primary = counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let mut last: Option<usize> = None;
    for sentence in &mut about {
        sentence.referent = last;
        sentence.primary_here = primary.filter(|p| sentence.named.iter().any(|(s, _)| s == p));
        if let Some((show, _)) = sentence.named.last() {
            last = Some(*show);
        }
    }
    Found { shows, about }
}

fn is_month_or_day(word: &str) -> bool {
    matches!(
        word.trim_end_matches(','),
        "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
    )
}

/// True when `text` writes the one-word title `folded` with a capital, accents aside ("Etoile"
/// or "ETOILE" for Étoile; not "lost" for Lost).
fn capitalised(text: &str, folded: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().next().is_some_and(char::is_uppercase))
        .any(|word| fold(word) == folded)
}

fn whole_word(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The watchlist's titles the article names, in the order it names them first.
fn on_watchlist(sentences: &[Sentence], index: &Index) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    for sentence in sentences {
        for hit in index.titles_in(&sentence.folded) {
            let single = !hit.folded.contains(' ');
            if hit.folded.len() < 2
                || !whole_word(&sentence.folded, hit.start, hit.len)
                || (single && !capitalised(&sentence.text, hit.folded))
            {
                continue;
            }
            if !found.iter().any(|(_, id)| id == hit.id) {
                found.push((hit.title.to_owned(), hit.id.to_owned()));
            }
        }
    }
    found
}

/// Titles the article names that may be shows: in quotes, beside a genre word ("the drama
/// Night Shift Diaries", "Night Shift Diaries, the comedy"), or the subject of an outcome
/// ("Quiet Acre has been canceled").
fn new_titles(sentences: &[Sentence]) -> Vec<String> {
    const TITLE: &str = r"(?:The\s+|A\s+)?[A-Z0-9][\p{L}0-9'\-:]*(?:\s+(?:of|the|and|&|in|on|at|a|to|for|[A-Z0-9][\p{L}0-9'\-:]*)){0,6}";
    static QUOTED: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(r#"["\u{201c}]([A-Z0-9][^"\u{201c}\u{201d}]{1,60}?)[,.]?["\u{201d}]"#)
    });
    static AFTER_GENRE: LazyLock<Pattern> =
        LazyLock::new(|| text::pattern(&format!(r"\b(?:{GENRES}),?\s+({TITLE})",)));
    static BEFORE_GENRE: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(&format!(
            r"({TITLE}),\s+(?:the|a|an|its)\s+(?:[\p{{L}}\-]+\s+){{0,3}}(?:{GENRES})\b"
        ))
    });
    static SUBJECT: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(&format!(
            r"(?:^|[.;:]\s+|,\s+(?:and|but|while)\s+|\u{{2014}}\s+)({TITLE})\s+(?:has|have|was|were|is|will)\s+(?:officially\s+|now\s+|not\s+)?(?:been\s+)?(?:canceled|cancelled|renewed|axed|picked up|scrapped|ordered|end|return|heading|coming)"
        ))
    });
    // The object of a decision: "Hulu has renewed Ember County", "ordered a second season of
    // Paper Moons", "the creator of The Quiet Hours".
    static OBJECT: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(&format!(
            r"\b(?:renewed|renews|canceled|cancelled|cancels|axed|axes|scrapped|scraps|pulled\s+the\s+plug\s+on|picked\s+up|ordered\s+(?:a|an)\s+\w+\s+season\s+of|orders\s+(?:a|an)\s+\w+\s+season\s+of|(?:creator|showrunner|creators|showrunners|cast|stars?|finale|premiere)\s+of)\s+({TITLE})"
        ))
    });
    // Where only a show stands: "fans of Cold Meridian", "Cold Meridian fans", "Cold Meridian
    // follows the crew of…", "the Cold Meridian finale".
    static SHOW_CONTEXT: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(&format!(
            r"\b(?:[Ff]ans\s+of|[Vv]iewers\s+of|[Ww]atchers\s+of)\s+({TITLE})|(?:^|[.;:]\s+|\?\s+)({TITLE})\s+(?:fans|viewers)\b|(?:^|[.;:,]\s+)({TITLE})\s+follows\s+(?:the|a|an|two|three|four)\s+[a-z]|\bthe\s+({TITLE})\s+finale\b"
        ))
    });
    // A headline's title in single quotes: 'Ember County' Renewed.
    static SINGLE_QUOTED: LazyLock<Pattern> =
        LazyLock::new(|| text::pattern(r"(?:^|\s)'([A-Z0-9][^'\n]{1,60}?)'(?:\s|[,.:;!?]|$)"));
    // A listing: "Saffron Road (Netflix)".
    static WITH_NETWORK: LazyLock<Pattern> =
        LazyLock::new(|| text::pattern(&format!(r"^({TITLE})\s+\((?:on\s+)?[A-Z][\p{{L}}+ ]*\)$")));
    let mut titles: Vec<String> = Vec::new();
    let whole_text: String = sentences
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    // `strong`: found where only a title stands (quotes, beside a genre, after "renewed");
    // a weak find that reads as a person's name is left out.
    // Each candidate is judged once (a title comes up in sentence after sentence).
    let mut judged: std::collections::HashSet<(String, bool)> = std::collections::HashSet::new();
    let mut take = |candidate: &str, titles: &mut Vec<String>, strong: bool| {
        let mut title = trim_title(candidate);
        // "FX's Low Tide at Dunmore" is FX's show "Low Tide at Dunmore".
        if let Some((owner, rest)) = title.split_once("'s ")
            && super::networks::is_network(owner)
        {
            title = rest.to_owned();
        }
        if titles.len() >= MAX_NEW_TITLES
            || titles.contains(&title)
            || !judged.insert((title.clone(), strong))
        {
            return;
        }
        let words: Vec<&str> = title.split_whitespace().collect();
        if words.is_empty()
            || words.len() > 7
            || (words.len() == 1 && text::is_common_capital(words[0]))
            || words.iter().all(|w| text::is_common_capital(w))
            || (!strong && text::is_person(&title) && !title.starts_with("The "))
            || super::networks::is_network(&title)
            || is_studio(&title, &whole_text)
            || (title.contains(" and ")
                && title
                    .split(" and ")
                    .all(|part| text::is_person(part.trim())))
            || acts_as_person(&whole_text, &title)
        {
            return;
        }
        let folded = fold(&title);
        if !titles.iter().any(|t| fold(t) == folded) {
            titles.push(title);
        }
    };
    static GENRE_WORDS: LazyLock<Option<AhoCorasick>> =
        LazyLock::new(|| AhoCorasick::new(GENRES.split('|')).ok());
    static DECISIONS: [&str; 16] = [
        "renew",
        "cancel",
        "axe",
        "scrap",
        "plug",
        "picked up",
        "order",
        "creator",
        "showrunner",
        "cast of",
        "star",
        "finale",
        "premiere",
        "end",
        "return",
        "heading",
    ];
    for sentence in sentences {
        let text = &sentence.text;
        let folded = &sentence.folded;
        let genre = GENRE_WORDS
            .as_ref()
            .is_some_and(|words| words.is_match(folded));
        let decision = DECISIONS.iter().any(|w| folded.contains(w));
        let context = ["fans", "viewers", "watchers", "follows", "finale"]
            .iter()
            .any(|w| folded.contains(w));
        if !(genre || decision || context || text.contains(['"', '\u{201c}', '\'', '('])) {
            continue;
        }
        // A show's own context makes a title of a name that would otherwise read as a
        // person's, when the article names it again.
        if context {
            for caps in SHOW_CONTEXT.captures_iter(text) {
                if let Some(title) = (1..=4).find_map(|i| caps.get(i))
                    && whole_text
                        .matches(trim_title(title.as_str()).as_str())
                        .count()
                        >= 2
                {
                    take(title.as_str(), &mut titles, true);
                }
            }
        }
        // A title, not speech: every word capitalised or a small joining word; and it comes
        // up again in the story (a quoted phrase said once, an interview's headline, is not
        // a show).
        for caps in QUOTED
            .captures_iter(text)
            .chain(SINGLE_QUOTED.captures_iter(text))
        {
            let quoted = &caps[1];
            let titled = quoted.split_whitespace().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    || is_small_word(w)
            });
            if titled
                && quoted.split_whitespace().count() <= 7
                && whole_text.matches(trim_title(quoted).as_str()).count() >= 2
            {
                take(quoted, &mut titles, true);
            }
        }
        let wanted: [(&Pattern, bool); 4] = [
            (&AFTER_GENRE, genre),
            (&BEFORE_GENRE, genre),
            (&OBJECT, decision),
            (&WITH_NETWORK, text.ends_with(')')),
        ];
        for (re, _) in wanted.iter().filter(|(_, wanted)| *wanted) {
            for caps in re.captures_iter(text) {
                take(&caps[1], &mut titles, true);
            }
        }
        if decision {
            for caps in SUBJECT.captures_iter(text) {
                take(&caps[1], &mut titles, false);
            }
        }
    }
    titles
}

/// The small words a title may hold between its capitalised ones ("Low Tide at Dunmore").
fn is_small_word(word: &str) -> bool {
    matches!(
        word,
        "of" | "the" | "and" | "&" | "in" | "on" | "at" | "a" | "to" | "for"
    )
}

/// True when `title` is a company: it ends with a studio word, or the text writes it followed by
/// one ("Saltbox" of "Saltbox Television").
fn is_studio(title: &str, text: &str) -> bool {
    let last = title.rsplit(' ').next().unwrap_or(title);
    text::STUDIO_WORDS.contains(&last)
        || text::STUDIO_WORDS
            .iter()
            .any(|w| text.contains(&format!("{title} {w}")))
}

/// True when the article uses `name` as a person's: an actor ("X as Y", "X plays", "played by
/// X") or a creator ("created by X", "creator X"). A plain search: a candidate costs one look
/// through the text, never a pattern compiled for it.
fn acts_as_person(text: &str, name: &str) -> bool {
    const AFTER: [&str; 7] = [
        " as ",
        " plays ",
        " played ",
        " portrays ",
        " voices ",
        " stars as ",
        ", who ",
    ];
    const BEFORE: [&str; 11] = [
        "played by ",
        "portrayed by ",
        "voiced by ",
        "created by ",
        "directed by ",
        "written by ",
        "reator ",
        "howrunner ",
        "tar ",
        "ctor ",
        "ctress ",
    ];
    // One look through the text for the name; the words around each mention are then judged.
    text.match_indices(name).any(|(at, _)| {
        let (before, after) = (&text[..at], &text[at + name.len()..]);
        BEFORE.iter().any(|b| before.ends_with(b))
            || AFTER.iter().any(|a| {
                after.strip_prefix(a).is_some_and(|rest| {
                    // "X as Y": a word after, or the role words after a comma.
                    *a == ", who " || rest.chars().next().is_some_and(char::is_alphabetic)
                })
            })
    })
}

/// A candidate title without the small words it may have picked up at its end, nor a date
/// after it ("Lowland on March 3").
fn trim_title(candidate: &str) -> String {
    // A section's label before it: "CANCELED: Night Ferry", "STILL WAITING: Dead Reckoning".
    let candidate = match candidate.split_once(": ") {
        Some((label, rest))
            if label.chars().any(char::is_alphabetic) && !label.chars().any(char::is_lowercase) =>
        {
            rest
        }
        _ => candidate,
    };
    let mut words: Vec<&str> = candidate.split_whitespace().collect();
    if let Some(date) = words
        .iter()
        .position(|w| is_month_or_day(w) || w.chars().all(|c| c.is_ascii_digit()))
        && date > 0
    {
        words.truncate(date);
    }
    while words
        .last()
        .is_some_and(|w| is_small_word(w) || text::is_common_capital(w))
    {
        words.pop();
    }
    words
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_owned()
}
