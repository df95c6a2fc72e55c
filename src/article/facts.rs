//! The facts a sentence states about the show it is about: the outcome (with negations,
//! denials, rumours and hypotheticals left out), critic scores, the network, creators, studio
//! and the number of seasons.

use std::sync::LazyLock;

use jiff::civil::Date;

use super::What;
use super::index::Index;
use super::shows::About;
use super::text::{self, Pattern, Sentence};
use crate::model::{ScoreKind, ScoreSource, Status};

/// The network the sentence names, when it says the show is on it (or the network decided
/// about it): the first known network written with its capitals.
pub fn network(sentence: &Sentence, index: &Index) -> Option<What> {
    index
        .first_network(&sentence.text)
        .map(|name| What::Network {
            name: name.to_owned(),
        })
}

/// How a cue word reads a show's fate.
struct Cue {
    pattern: Pattern,
    status: Status,
    final_season: bool,
}

static CUES: LazyLock<Vec<Cue>> = LazyLock::new(|| {
    let cue = |pattern: &str, status, final_season| Cue {
        pattern: text::pattern(pattern),
        status,
        final_season,
    };
    vec![
        cue(
            r"\b(?:has|have|had|was|were|is|been|officially|formally|quietly)\s+(?:been\s+|officially\s+|formally\s+|now\s+)*(?:canceled|cancelled|axed|scrapped)\b|\b(?:canceled|cancelled|axed|scrapped)\s+(?:after|following|by)\b|\b(?:has|have|had)\s+(?:officially\s+)?(?:canceled|cancelled|axed|scrapped)\b|\bpulled the plug on\b|\b(?:will|would)\s+not\s+(?:return|be\s+returning|come\s+back|be\s+back)\b|\bwon't\s+(?:return|be\s+returning|come\s+back|be\s+back)\b|\bnot\s+(?:be\s+)?renewed\b|\b(?:opted|decided|chose)\s+not\s+to\s+(?:continue|renew|move\s+forward)\b|\b(?:will\s+not|won't|is\s+not|isn't)\s+(?:be\s+)?mov(?:e|ing)\s+forward\s+with\b|\b(?:decided|opted)\s+against\s+(?:a|another)\s+\w+\s+season\b|\bpassed\s+on\s+(?:a|another)\s+\w+\s+season\b|\bdeclined\s+to\s+renew\b|\bdecision\s+to\s+cancel\b|\bits\s+cancellation\b|\bthe\s+cancellation\s+of\b|\bhas\s+come\s+to\s+an\s+abrupt\s+end\b",
            Status::Canceled,
            false,
        ),
        cue(
            r"\b(?:has|have|was|were|been|is|officially)\s+(?:been\s+|officially\s+|formally\s+)*(?:renewed|picked\s+up)\b|\brenewed\s+(?:for|despite|through)\b|\b(?:ordered|greenlit|green-lit)\s+(?:a|another)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|new)\s+season\b|\bwill\s+return\s+for\s+(?:a|its)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b|\bhas\s+been\s+given\s+a\s+(?:second|third|fourth|fifth|new)\s+season\b",
            Status::Returning,
            false,
        ),
        cue(
            r"\b(?:ended|concluded|wrapped|finished)\s+its\s+(?:\w+\s+)?run\b|\b(?:final|last)\s+(?:season|series)\b|\bwill\s+be\s+(?:its|the\s+show's|the\s+series')\s+(?:final|last)\b|\bwill\s+(?:end|conclude|wrap(?:\s+up)?)\s+(?:with|after)\b|\b(?:come|coming)\s+to\s+an\s+end\s+(?:with|after)\b",
            Status::Ended,
            true,
        ),
    ]
});

/// A cue only when a title (or "it", "the show") follows it closely: "Peacock canceled
/// Harrow Street", "Max canceled its other workplace comedy, Tin Can Sisters".
static BARE: LazyLock<Vec<(Pattern, Status)>> = LazyLock::new(|| {
    vec![
        (
            text::pattern(r"\b(?:canceled|cancelled|cancels|axed|axes|scrapped|scraps)\b"),
            Status::Canceled,
        ),
        (
            text::pattern(r"\b(?:renewed|renews|picks\s+up|picked\s+up)\b"),
            Status::Returning,
        ),
    ]
});

/// What may follow a bare verb for the show the article talks about.
static PRONOUN: LazyLock<Pattern> = LazyLock::new(|| {
    text::pattern(
        r"^\s+(?:it|the\s+(?:[a-z][a-z\-]+\s+){0,2}(?:show|series|drama|comedy|dramedy|thriller|sitcom|miniseries|western|procedural))\b",
    )
});

/// Words that make a cue not a statement: a negation, a denial, a rumour, a fear, a
/// hypothetical. Looked for in the clause before the cue.
static HEDGES: LazyLock<Pattern> = LazyLock::new(|| {
    text::pattern(
        r"\b(?:not|never|no|isn't|wasn't|aren't|hasn't|haven't|denied|denies|deny|denying|denial|claims?|claimed|alleged|allegedly|reported|report|reports|rumou?rs?|rumou?red|speculat\w*|reportedly|could|might|may|would|should|if|whether|unless|fear|fears|feared|worry|worries|worried|risk|danger|bubble|possible|possibly|potential|potentially|question|hope|hopes|hoping|campaign|petition|considering|weighing|likely|unlikely|expected|false|untrue|denial|wondering|prediction|predicts?|odds)\b",
    )
});

/// Words that end the clause a hedge belongs to.
static CLAUSE_BREAK: LazyLock<Pattern> = LazyLock::new(|| {
    text::pattern(r"[;:,]\s|\s(?:but|and|while|yet|instead|despite|though|although|after|as)\s")
});

/// Outcomes the sentence states, each with the show it is about (the title nearest the cue).
pub fn outcomes(sentence: &Sentence, about: &About, published: Option<Date>) -> Vec<(usize, What)> {
    let folded = &sentence.folded;
    let mut found: Vec<(usize, What)> = Vec::new();
    static WORDS: [&str; 20] = [
        "cancel",
        "axe",
        "scrap",
        "renew",
        "picked up",
        "picks up",
        "order",
        "green",
        "return",
        "final",
        "last",
        "end",
        "conclud",
        "wrap",
        "plug",
        "continu",
        "come back",
        "be back",
        "move forward",
        "finish",
    ];
    if !WORDS.iter().any(|w| folded.contains(w)) {
        return found;
    }
    for cue in CUES.iter() {
        for hit in cue.pattern.find_iter(folded) {
            if hedged(folded, hit.start(), hit.end()) {
                continue;
            }
            // "renewed despite rumours of cancellation": the renewal is the statement.
            if cue.status == Status::Canceled && renewed_despite(folded, hit.start()) {
                continue;
            }
            // "Season 3 wrapped its run last month": a season ended, not the show.
            if cue.status == Status::Ended && of_a_season(folded, hit.start()) {
                continue;
            }
            // "its final season aired in 2013" is history for an ended show, and "the final
            // season" of a show canceled in the same sentence is the cancellation's.
            let Some(show) = about.nearest(hit.start()) else {
                continue;
            };
            if found.iter().any(|(s, _)| *s == show) {
                continue;
            }
            found.push((
                show,
                What::Outcome {
                    status: cue.status,
                    on: date_in(&sentence.text, published),
                    final_season: cue.final_season,
                },
            ));
        }
    }
    for (pattern, status) in BARE.iter() {
        for hit in pattern.find_iter(folded) {
            if hedged(folded, hit.start(), hit.end()) {
                continue;
            }
            let after = &folded[hit.end()..];
            // A title named within a few words after the verb, or "it" / "the show".
            let named = about
                .named
                .iter()
                .filter(|(_, at)| *at >= hit.end() && *at - hit.end() <= 45)
                .min_by_key(|(_, at)| *at)
                .map(|(show, _)| *show);
            let show =
                named.or_else(|| PRONOUN.is_match(after).then_some(about.referent).flatten());
            let Some(show) = show else {
                continue;
            };
            if found.iter().any(|(s, _)| *s == show) {
                continue;
            }
            found.push((
                show,
                What::Outcome {
                    status: *status,
                    on: date_in(&sentence.text, published),
                    final_season: false,
                },
            ));
        }
    }
    // A cancellation and a final season in one sentence: the cancellation.
    let canceled: Vec<usize> = found
        .iter()
        .filter(|(_, w)| {
            matches!(
                w,
                What::Outcome {
                    status: Status::Canceled,
                    ..
                }
            )
        })
        .map(|(s, _)| *s)
        .collect();
    found.retain(|(s, w)| {
        !matches!(
            w,
            What::Outcome {
                status: Status::Ended,
                ..
            }
        ) || !canceled.contains(s)
    });
    found
}

/// True when a hedge stands in the same clause before the cue at `start..end`, or right
/// after it ("canceled? Not so fast", "canceled, according to rumours").
fn hedged(folded: &str, start: usize, end: usize) -> bool {
    let before = &folded[..start];
    let clause_start = CLAUSE_BREAK.find_iter(before).last().map_or(0, |m| m.end());
    let clause = &before[clause_start..];
    if HEDGES.is_match(clause) {
        return true;
    }
    // The cue itself may carry its negation ("will not return"): only what precedes counts,
    // and a hedge straight after ("canceled, reports say") too.
    let after: String = folded[end..].chars().take(40).collect();
    static AFTER: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(
            r"^[\s,]*(?:reports?\s+(?:say|suggest|claim)|according\s+to\s+(?:rumou?rs?|reports|speculation)|is\s+a\s+rumou?r|\?|rumou?rs?\s+(?:say|suggest)|fans\s+fear)",
        )
    });
    AFTER.is_match(&after)
}

/// True when the cue at `start` is said of one season ("Season 3 wrapped its run", "the
/// second season ended its run").
fn of_a_season(folded: &str, start: usize) -> bool {
    static SEASON: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(
            r"(?:\bseason\s+(?:\d+|one|two|three|four|five|six)|\b(?:first|second|third|fourth|fifth|sixth|latest|new)\s+season)\s+(?:has\s+|had\s+)?$",
        )
    });
    SEASON.is_match(&folded[..start])
}

/// True when a cancellation cue at `start` sits in "despite rumours (or fears) of".
fn renewed_despite(folded: &str, start: usize) -> bool {
    let before: String = folded[..start]
        .chars()
        .rev()
        .take(60)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    before.contains("despite") || before.contains("rumor") || before.contains("rumour")
}

/// The day a sentence gives ("on March 3", "March 3, 2026", "3 March 2026", "Feb. 11"), its
/// year from `published` when it writes none; else "on Tuesday", the last such day up to
/// `published`.
pub fn date_in(text: &str, published: Option<Date>) -> Option<Date> {
    const MONTH: &str = r"Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|July|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?";
    static DATE: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(&format!(
            r"\b(?:({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*(\d{{4}}))?|(\d{{1,2}})\s+({MONTH})(?:\s+(\d{{4}}))?)(?:\b|$|\s)",
        ))
    });
    static WEEKDAY: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(r"\bon\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
    });
    let Some(caps) = DATE.captures(text) else {
        let day = WEEKDAY.captures(text)?;
        // "aired on Tuesday nights" is a time slot, not a day.
        let after = day.get(0).map_or("", |m| &text[m.end()..]);
        if ["night", "evening", "morning"]
            .iter()
            .any(|slot| after.trim_start().starts_with(slot))
        {
            return None;
        }
        return last_weekday(&day[1], published?);
    };
    let (month, day, year) = match caps.get(1) {
        Some(month) => (month.as_str(), caps.get(2)?, caps.get(3)),
        None => (caps.get(5)?.as_str(), caps.get(4)?, caps.get(6)),
    };
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| month.starts_with(m))? as i8
        + 1;
    let day: i8 = day.as_str().parse().ok()?;
    let year: i16 = match year {
        Some(year) => year.as_str().parse().ok()?,
        None => published?.year(),
    };
    Date::new(year, month, day).ok()
}

/// The last `weekday` ("Tuesday") on or before `published`.
fn last_weekday(weekday: &str, published: Date) -> Option<Date> {
    use jiff::civil::Weekday;
    let wanted = match weekday {
        "Monday" => Weekday::Monday,
        "Tuesday" => Weekday::Tuesday,
        "Wednesday" => Weekday::Wednesday,
        "Thursday" => Weekday::Thursday,
        "Friday" => Weekday::Friday,
        "Saturday" => Weekday::Saturday,
        _ => Weekday::Sunday,
    };
    let back = (published.weekday().to_monday_zero_offset() - wanted.to_monday_zero_offset())
        .rem_euclid(7);
    published
        .checked_sub(jiff::Span::new().days(i64::from(back)))
        .ok()
}

/// Critic scores: Rotten Tomatoes (critics' or audience %), Metacritic (out of 100), IMDb
/// (out of 10).
pub fn scores(sentence: &Sentence) -> Vec<What> {
    static PERCENT: LazyLock<Pattern> =
        LazyLock::new(|| text::pattern(r"\b(\d{1,3})(?:\s*%|\s+percent\b|\s+per\s+cent\b)"));
    static TEN: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(
            r"\b(\d(?:\.\d)?|10(?:\.0)?)\s*(?:/\s*10\b|out\s+of\s+10\b)|\b(?:rating|score)\s+of\s+(\d\.\d)\b|\b(\d\.\d)\s+(?:rating|score|average)\b|\b(\d\.\d)\s+on\s+imdb\b|\bimdb\s+(?:rating|score)?\s*(?:of\s+)?(\d\.\d)\b",
        )
    });
    static HUNDRED: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(
            r"\bmetacritic\b[^.%]{0,40}?\b(\d{1,3})\b(?:\s*/\s*100|\s+out\s+of\s+100)?|\b(\d{1,3})(?:\s*/\s*100|\s+out\s+of\s+100)?\s+on\s+metacritic\b",
        )
    });
    let folded = &sentence.folded;
    let mut out = Vec::new();
    let rotten = folded.contains("rotten tomatoes")
        || folded.contains("tomatometer")
        || folded.contains("popcornmeter");
    if rotten {
        for caps in PERCENT.captures_iter(folded) {
            let Some(value) = caps.get(1).and_then(|m| m.as_str().parse::<f64>().ok()) else {
                continue;
            };
            if value > 100.0 {
                continue;
            }
            let at = caps.get(0).map_or(0, |m| m.start());
            let near: String = {
                let from = folded.floor_char_boundary(at.saturating_sub(40));
                let to = folded.ceil_char_boundary(at + 40);
                folded[from..to].to_owned()
            };
            let audience = ["audience", "viewers", "popcornmeter", "fans gave", "users"]
                .iter()
                .any(|w| near.contains(w))
                && !near.contains("critics")
                || audience_nearer(folded, at);
            out.push(What::Score {
                source: ScoreSource::RottenTomatoes,
                score_kind: if audience {
                    ScoreKind::Audience
                } else {
                    ScoreKind::Critic
                },
                value,
                out_of: 100.0,
            });
        }
    }
    if folded.contains("metacritic")
        && let Some(caps) = HUNDRED.captures(folded)
        && let Some(value) = caps
            .get(1)
            .or(caps.get(2))
            .and_then(|m| m.as_str().parse::<f64>().ok())
            .filter(|v| *v <= 100.0)
    {
        out.push(What::Score {
            source: ScoreSource::Metacritic,
            score_kind: ScoreKind::Critic,
            value,
            out_of: 100.0,
        });
    }
    if folded.contains("imdb")
        && let Some(caps) = TEN.captures(folded)
        && let Some(value) = (1..=5)
            .find_map(|i| caps.get(i))
            .and_then(|m| m.as_str().parse::<f64>().ok())
            .filter(|v| *v <= 10.0)
    {
        out.push(What::Score {
            source: ScoreSource::Imdb,
            score_kind: ScoreKind::Audience,
            value,
            out_of: 10.0,
        });
    }
    out
}

/// True when "audience" is nearer the figure at `at` than "critics" is.
fn audience_nearer(folded: &str, at: usize) -> bool {
    let distance = |word: &str| {
        folded
            .match_indices(word)
            .map(|(i, _)| i.abs_diff(at))
            .min()
    };
    match (distance("audience"), distance("critic")) {
        (Some(a), Some(c)) => a < c,
        _ => false,
    }
}

/// Creators and showrunners named as such: "created by A and B", "creator A", "showrunner
/// A", "from A and B" after a genre word, "A, who created".
pub fn creators(sentence: &Sentence) -> Option<What> {
    let folded = &sentence.folded;
    if !(folded.contains("creat") || folded.contains("showrunner") || folded.contains(" from ")) {
        return None;
    }
    static CREATED: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(
            r"(?:[Cc]reated\s+by(?:\s+(?:the\s+|its\s+)?[a-z][a-z\-]+)?|(?:[Cc]reators?|[Ss]howrunners?|[Cc]o-creators?|[Ss]eries\s+creators?),?|(?:series|show|drama|comedy|dramedy|thriller|sitcom|miniseries)\s+from)\s+(?:and\s+(?:executive\s+producer|star)\s+)?({NAME}(?:(?:,\s+|\s+and\s+|,\s+and\s+){NAME})*)|({NAME}(?:\s+and\s+{NAME})?),\s+(?:who\s+(?:co-)?created\b|the\s+(?:co-)?creator\b|(?:its|the\s+series')\s+creator\b)|({NAME}(?:\s+and\s+{NAME})?)\s+(?:co-)?created\s+the\s+(?:series|show)",
        )
    });
    static SPLIT: LazyLock<Pattern> = LazyLock::new(|| text::pattern(r",\s+and\s+|,\s+|\s+and\s+"));
    let caps = CREATED.captures(&sentence.text)?;
    let names = (1..=3).find_map(|i| caps.get(i))?.as_str();
    let names: Vec<String> = SPLIT
        .split(names)
        .into_iter()
        .map(str::trim)
        .filter(|n| text::is_person(n))
        .map(str::to_owned)
        .collect();
    (!names.is_empty()).then_some(What::Creators { names })
}

/// The studio: "produced by X Studios", "made by X Productions", "from X Television", "X
/// Films, which produced the series".
pub fn studio(sentence: &Sentence) -> Option<What> {
    if !text::STUDIO_WORDS.iter().any(|w| sentence.text.contains(w)) {
        return None;
    }
    static STUDIO: LazyLock<Pattern> = LazyLock::new(|| {
        let company = format!(
            r"(?:[A-Z][\p{{L}}&'.\-]*\s+){{0,4}}(?:{})",
            text::STUDIO_WORDS.join("|")
        );
        text::pattern(&format!(
            r"\b(?:[Pp]roduced\s+by|[Mm]ade\s+by|[Ff]rom|[Cc]ame\s+out\s+of|[Cc]omes\s+out\s+of|[Ss]tudio)\s+({company})\b|\b({company}),?\s+(?:which|that)\s+(?:produced|produces|made|makes)\s+(?:the|this)\s+(?:series|show|drama|comedy)\b",
        ))
    });
    let caps = STUDIO.captures(&sentence.text)?;
    let name = caps.get(1).or(caps.get(2))?.as_str().trim();
    Some(What::Studio {
        name: name.to_owned(),
    })
}

/// How many seasons it ran or has been ordered in all: "after two seasons", "a three-season
/// run", "renewed for a third season", "its fourth and final season", "will not return for a
/// third season" (two, then).
pub fn seasons(sentence: &Sentence) -> Option<What> {
    static RAN: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(
            r"\b(?:after|following|ran\s+for|run\s+for|lasted|across|over|(?:has|have|had)\s+aired|aired)\s+(?:just\s+|only\s+|a\s+|its\s+)?(\w+)\s+(?:seasons?|series)\b|\b(\w+)-(?:season|series)\s+run\b|\b(\w+)\s+seasons\s+so\s+far\b",
        )
    });
    static ORDERED: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(
            r"\b(?:renewed|picked\s+up|ordered|greenlit|green-lit|return)\s+(?:for\s+)?(?:a|an|its)\s+(\w+)\s+(?:and\s+final\s+)?season\b|\b(?:a|its)\s+(\w+)\s+and\s+final\s+season\b|\bseason\s+(\d+)\s+will\s+be\s+(?:its|the)\s+(?:final|last)\b|\bupcoming\s+(\w+)\s+season\s+will\s+be\s+(?:its|the)\s+(?:final|last)\b|\b(?:renewed|picked\s+up|ordered)\b[^.;]{0,40}?\bfor\s+(?:a|an)\s+(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+season\b|\b(?:renewed|picked\s+up|ordered)\s+for\s+season\s+(\d+)\b|\b(?:the|its)\s+(\w+)\s+(?:season|series)\b[^.;]{0,60}?\bwill\s+be\s+(?:its|the\s+show's|the\s+series')\s+(?:final|last)\b|\bthrough\s+(?:its\s+(\w+)\s+season|season\s+(\d+))\b",
        )
    });
    static NOT_RETURN: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(
            r"\b(?:not|won't)\s+(?:return|be\s+back|come\s+back|be\s+returning)\s+for\s+(?:a|its)\s+(\w+)\s+season\b",
        )
    });
    let folded = &sentence.folded;
    if !folded.contains("season") && !folded.contains("series") {
        return None;
    }
    if let Some(caps) = NOT_RETURN.captures(folded) {
        let n = text::number_word(&caps[1])?;
        return (n > 1).then_some(What::Seasons { count: n - 1 });
    }
    let count = RAN
        .captures(folded)
        .and_then(|c| (1..=3).find_map(|i| c.get(i)))
        .and_then(|m| text::number_word(m.as_str()))
        .or_else(|| {
            ORDERED
                .captures(folded)
                .and_then(|c| (1..=9).find_map(|i| c.get(i)))
                .and_then(|m| text::number_word(m.as_str()))
        })?;
    Some(What::Seasons { count })
}
