//! Who plays whom, in the phrasings articles use ("Luke Kirby as Jack", "Kirby's Jack", "X,
//! who plays Y", "Y (X)", "X stars as Y", "starring A, B and C"), and the storylines an article
//! says were left open, with the characters in them.

use std::sync::LazyLock;

use super::What;
use super::text::{self, Pattern, Sentence};
use crate::model::CastMember;

/// The cast the sentences name, each with the sentence that names them; a character-less
/// mention of an actor given a character elsewhere is dropped.
pub fn cast(sentences: &[&Sentence], known: &[CastMember]) -> Vec<(What, String)> {
    // "Luke Kirby as Jack", "Gary Oldman returns as Jackson Lamb", "Priya Vance has joined as
    // Helen Marsh", "Lorna Fitch plays his overqualified overnight host, Maxine", "Maya
    // Lindqvist, who plays the inn's flinty housekeeper, Harriet Pell".
    static AS: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(
            r"({NAME})(?:,\s+who\s+(?:also\s+)?(?:plays|played|portrays|portrayed|voices|stars\s+as|co-stars\s+as|appears\s+as)|,?\s+(?:(?:returns|returned|is|was|has|have|been|joined|joins|cast|will|back|also|starred|stars|again|once|now|set|to|signed|on|reprise|reprises|reprising|her|his|their|role)\s+){0,4}(?:(?:co-)?stars\s+as|(?:co-)?starred\s+as|appears\s+as|appeared\s+as|plays|play|played|portrays|portrayed|voices|voiced|as|(?:takes|took|take)\s+on\s+the\s+role\s+of|in\s+the\s+role\s+of))\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[a-z][\p{L}'\-]+,?\s+){0,6}?({CHARACTER})",
        )
    });
    // "Tomas Arrieta joins as Cordelia's younger brother, Felix Vanderholt".
    static AS_RELATION: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(
            r"({NAME}),?\s+(?:(?:returns|is|was|has|been|joins|joined|will|also|now|cast)\s+){0,3}(?:as|plays|played|portrays|portrayed|(?:co-)?stars\s+as|appears\s+as|appeared\s+as)\s+[A-Z][\p{L}\-]+'s\s+(?:[a-z][\p{L}'\-]+\s+){0,3}[a-z][\p{L}'\-]+,?\s+({CHARACTER})",
        )
    });
    // "Tess Amberley plays Gwen, …, and Marcus Idowu is Felix Dunne, the stage manager".
    static IS_CHARACTER: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(r"\band\s+({NAME})\s+is\s+({CHARACTER}),\s+(?:the|a|an|his|her|their)\s")
    });
    // "Nadia Ferreira-Holm is excellent as Lotte Brandt", "Wren Castellano leads the cast as
    // Ada Quill": a few words between the name and "as".
    static WORDS_AS: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(r"({NAME})\s+((?:[a-z][a-z\-]*\s+){1,4})as\s+(?:the\s+)?({CHARACTER})")
    });
    static PAREN: LazyLock<Pattern> =
        LazyLock::new(|| text::pattern(r"({CHARACTER})\s+\(({NAME})\)"));
    static PLAYED_BY: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(
            r"({CHARACTER}),\s+(?:(?:a|an|the|his|her|their)\s+)?[^,.;]{0,60}?\b(?:played|portrayed|voiced)\s+by\s+({NAME})",
        )
    });
    static POSSESSIVE: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(
            r"((?:[A-Z][\p{L}\-]+\s+(?:(?:de|da|van|von|le|la)\s+)?)?[A-Z][\p{L}\-]+)'s\s+({CHARACTER})",
        )
    });
    static LIST: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(
            r"(?:[Ss]tarring|[Ss]tars|[Cc]ast\s+(?:including|includes|of|members)|[Ee]nsemble(?:\s+cast)?\s+(?:including|of|led\s+by)|(?:[Cc]ast|[Ee]nsemble)\s+(?:are|were)|(?:also\s+)?included|(?:also\s+)?includes|[Aa]longside|[Cc]o-stars?|[Ll]ed\s+by|[Jj]oins)\s+({NAME}(?:(?:,\s+|,?\s+and\s+){NAME})*)",
        )
    });
    static SPLIT: LazyLock<Pattern> = LazyLock::new(|| text::pattern(r",\s+and\s+|,\s+|\s+and\s+"));

    let mut people: Vec<String> = known.iter().map(|m| m.actor.to_string()).collect();
    let mut found: Vec<(String, Option<String>, String)> = Vec::new();
    let add = |found: &mut Vec<(String, Option<String>, String)>,
               actor: &str,
               character: Option<&str>,
               sentence: &str| {
        // "as Cordelia's husband" names someone else's relation, not a character.
        if character.is_some_and(|c| c.ends_with("'s")) {
            return;
        }
        let character = character
            .map(trim_character)
            .filter(|c| !c.is_empty() && !text::is_common_capital(c));
        if !found
            .iter()
            .any(|(a, c, _)| a == actor && (c.is_some() || character.is_none()))
        {
            found.retain(|(a, c, _)| !(a == actor && c.is_none()));
            found.push((actor.to_owned(), character, sentence.to_owned()));
        }
    };
    // Full names first, so that a surname later ("Kirby's Jack") finds its person.
    for sentence in sentences {
        let text = &sentence.text;
        let folded = &sentence.folded;
        let roles = [" as ", " play", " portray", " voice", " star", " role of "]
            .iter()
            .any(|w| folded.contains(w));
        if !roles
            && !text.contains('(')
            && !folded.contains("played by")
            && ![
                "starring",
                "cast",
                "ensemble",
                "includ",
                "alongside",
                "co-star",
                "led by",
                "joins",
            ]
            .iter()
            .any(|w| folded.contains(w))
        {
            continue;
        }
        for caps in AS.captures_iter(text).filter(|_| roles) {
            let whole = &caps[0];
            // "Elspeth Harrow, played by Maddie Kerr" is the other way round (PLAYED_BY), and a
            // character runs to the end of a word ("MI" of "MI5" is none).
            let by = ["played by", "portrayed by", "voiced by"]
                .iter()
                .any(|w| whole.contains(w));
            let cut = cut_inside_word(text, caps.get(2));
            if !by && !cut && text::is_person(&caps[1]) {
                people.push(caps[1].to_owned());
                add(&mut found, &caps[1], Some(&caps[2]), text);
            }
        }
        for caps in IS_CHARACTER.captures_iter(text).filter(|_| roles) {
            if text::is_person(&caps[1]) {
                people.push(caps[1].to_owned());
                add(&mut found, &caps[1], Some(&caps[2]), text);
            }
        }
        for caps in WORDS_AS.captures_iter(text).filter(|_| roles) {
            // "as well as", "such as", "known as", "served as": not a role.
            const NOT_ROLES: [&str; 16] = [
                "well", "such", "known", "soon", "long", "much", "far", "same", "just", "so",
                "served", "serves", "works", "worked", "working", "credited",
            ];
            let between = caps[2].split_whitespace().collect::<Vec<_>>();
            let said = between
                .iter()
                .any(|w| matches!(*w, "by" | "said" | "says" | "told"));
            if between.last().is_some_and(|w| NOT_ROLES.contains(w)) || said {
                continue;
            }
            if text::is_person(&caps[1]) && !cut_inside_word(text, caps.get(3)) {
                people.push(caps[1].to_owned());
                add(&mut found, &caps[1], Some(&caps[3]), text);
            }
        }
        for caps in AS_RELATION.captures_iter(text).filter(|_| roles) {
            if text::is_person(&caps[1]) {
                people.push(caps[1].to_owned());
                add(&mut found, &caps[1], Some(&caps[2]), text);
            }
        }
        // "Sam (Eli Navarro)", "her brother Bram Fairweather (Tobiah Kessler)": which of the
        // two is the character, pair by pair where it shows, else as the sentence's other
        // pairs have it; a pair of full names nothing tells apart is left out.
        let pairs: Vec<(String, String, Option<bool>)> = PAREN
            .captures_iter(text)
            .filter(|caps| text::is_person(&caps[2]))
            .map(|caps| {
                let (outside, inside) = (caps[1].to_owned(), caps[2].to_owned());
                let start = caps.get(1).map_or(0, |m| m.start());
                let order = character_first(&text[..start], &outside, &inside, &people, known);
                (outside, inside, order)
            })
            .collect();
        let sentence_order = pairs.iter().find_map(|(_, _, order)| *order);
        for (outside, inside, order) in pairs {
            match order.or(sentence_order) {
                Some(true) => {
                    people.push(inside.clone());
                    add(&mut found, &inside, Some(&outside), text);
                }
                Some(false) => add(&mut found, &outside, Some(&inside), text),
                None => {}
            }
        }
        for caps in PLAYED_BY.captures_iter(text) {
            if text::is_person(&caps[2]) {
                people.push(caps[2].to_owned());
                add(&mut found, &caps[2], Some(&caps[1]), text);
            }
        }
        for caps in LIST.captures_iter(text) {
            for name in SPLIT.split(&caps[1]).into_iter().map(str::trim) {
                if text::is_person(name) {
                    people.push(name.to_owned());
                    add(&mut found, name, None, text);
                }
            }
        }
    }
    for sentence in sentences.iter().filter(|s| s.text.contains("'s ")) {
        let text = &sentence.text;
        for caps in POSSESSIVE.captures_iter(text) {
            let who = caps[1].trim();
            let person = people
                .iter()
                .find(|p| p.as_str() == who || p.rsplit(' ').next() == Some(who))
                .cloned()
                .or_else(|| text::is_person(who).then(|| who.to_owned()));
            if let Some(person) = person {
                add(&mut found, &person, Some(&caps[2]), text);
            }
        }
    }
    found
        .into_iter()
        .map(|(actor, character, sentence)| (What::Cast { actor, character }, sentence))
        .collect()
}

/// Whether `outside (inside)` names a character then its actor (`Some(true)`), an actor then
/// their character (`Some(false)`), or cannot tell; `before` is the sentence before the pair.
fn character_first(
    before: &str,
    outside: &str,
    inside: &str,
    people: &[String],
    known: &[CastMember],
) -> Option<bool> {
    // Words that introduce a character: "her younger brother Bram", "their mother, Delphine".
    const RELATIONS: [&str; 40] = [
        "brother",
        "sister",
        "mother",
        "father",
        "son",
        "daughter",
        "wife",
        "husband",
        "partner",
        "boyfriend",
        "girlfriend",
        "fiancé",
        "fiancée",
        "friend",
        "boss",
        "rival",
        "neighbour",
        "neighbor",
        "mentor",
        "cousin",
        "aunt",
        "uncle",
        "grandmother",
        "grandfather",
        "niece",
        "nephew",
        "detective",
        "lawyer",
        "heir",
        "heiress",
        "leader",
        "protagonist",
        "heroine",
        "villain",
        "character",
        "matriarch",
        "patriarch",
        "widow",
        "teacher",
        "colleague",
    ];
    let is_character = |name: &str| {
        known
            .iter()
            .any(|m| m.character.as_ref().is_some_and(|c| c.as_str() == name))
    };
    let is_actor = |name: &str| people.iter().any(|p| p == name);
    if !text::is_person(outside)
        || outside.split_whitespace().count() == 1
        || is_actor(inside)
        || is_character(outside)
    {
        return Some(true);
    }
    if is_actor(outside) || is_character(inside) {
        return Some(false);
    }
    // Words that introduce a performer: "actor Luke Kirby (Jack)".
    const PERFORMERS: [&str; 8] = [
        "actor",
        "actress",
        "star",
        "co-star",
        "newcomer",
        "veteran",
        "comedian",
        "performer",
    ];
    let words: Vec<&str> = before
        .trim_end()
        .trim_end_matches(',')
        .split_whitespace()
        .rev()
        .take(3)
        .collect();
    let &last = words.first()?;
    // Words between a list's start and its names: "boarding the series are X (Y)".
    const LINKS: [&str; 14] = [
        "are",
        "is",
        "were",
        "was",
        "be",
        "and",
        "with",
        "by",
        "as",
        "include",
        "includes",
        "including",
        "features",
        "starring",
    ];
    // "the radio operator Kasper Lind (…)": a described someone is a character.
    let described = last.chars().all(|c| c.is_lowercase() || c == '-')
        && !PERFORMERS.contains(&last)
        && !LINKS.contains(&last)
        && words[1..]
            .iter()
            .any(|w| matches!(*w, "the" | "her" | "his" | "their" | "its" | "a" | "an"));
    (RELATIONS.contains(&last) || described).then_some(true)
}

/// True when a pattern's `character` stops inside a word ("MI" of "MI5").
fn cut_inside_word(text: &str, character: Option<regex::Match<'_>>) -> bool {
    character.is_some_and(|c| {
        text[c.end()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    })
}

/// A character's name without the common words a pattern may have run into, nor a job title
/// before it ("Judge Honora Vance" is Honora Vance).
fn trim_character(character: &str) -> String {
    const TITLES: [&str; 22] = [
        "Judge",
        "Sheriff",
        "Detective",
        "DS",
        "DI",
        "DCI",
        "Dr",
        "Dr.",
        "Doctor",
        "Captain",
        "Agent",
        "Officer",
        "Inspector",
        "Sergeant",
        "Nurse",
        "Professor",
        "Deputy",
        "Chief",
        "Lieutenant",
        "Father",
        "Sister",
        "Mayor",
    ];
    let mut words: Vec<&str> = character.split_whitespace().collect();
    while words.len() > 1 && TITLES.contains(&words[0]) {
        words.remove(0);
    }
    while words.len() > 1 && words.last().is_some_and(|w| text::is_common_capital(w)) {
        words.pop();
    }
    words.join(" ")
}

/// Storylines the sentences say were left open (a cliffhanger, a thread unresolved, a fate
/// unknown), with the characters named in them (from this article's cast and the show's).
pub fn storylines(
    sentences: &[&Sentence],
    cast: &[(What, String)],
    known: &[CastMember],
) -> Vec<(What, String)> {
    static OPEN: LazyLock<Pattern> = LazyLock::new(|| {
        text::pattern(
            r"\b(?:cliffhangers?|unresolved|unanswered|left\s+(?:[\w']+\s+){0,3}hanging|left\s+open|open\s+questions?|loose\s+ends|in\s+limbo|dangling|never\s+(?:learn|find\s+out|know|discover|see|get\s+to\s+see|revealed?|answered|explained)|left\s+\w+(?:'s)?\s+fate|fates?\s+(?:unknown|unclear|uncertain|hanging)|remains?\s+a\s+mystery)\b",
        )
    });
    let characters: Vec<String> = cast
        .iter()
        .filter_map(|(what, _)| match what {
            What::Cast {
                character: Some(c), ..
            } => Some(c.clone()),
            _ => None,
        })
        .chain(
            known
                .iter()
                .filter_map(|m| m.character.as_ref().map(ToString::to_string)),
        )
        .collect();
    let named_in = |text: &str| {
        let mut named: Vec<(usize, String)> = Vec::new();
        for character in &characters {
            // A character by full name or by first name ("Mara" for "Mara Kell").
            let first = character.split_whitespace().next().unwrap_or(character);
            let at = find_word(text, character).or_else(|| find_word(text, first));
            if let Some(at) = at
                && !named.iter().any(|(_, c)| c == character)
            {
                named.push((at, character.clone()));
            }
        }
        named.sort();
        named.into_iter().map(|(_, c)| c).collect::<Vec<String>>()
    };
    let mut out = Vec::new();
    for (i, sentence) in sentences.iter().enumerate() {
        if !OPEN.is_match(&sentence.folded) {
            continue;
        }
        let mut text = sentence.text.clone();
        let mut names = named_in(&text);
        // "It ends on an open question. The final episode saw Imogen discover…": the thread
        // is told in the sentence after the one that says it is open.
        if names.is_empty()
            && let Some(next) = sentences.get(i + 1)
        {
            let told = named_in(&next.text);
            if !told.is_empty() {
                names = told;
                text = format!("{text} {}", next.text);
            }
        }
        out.push((
            What::Storyline {
                characters: names,
                text: text.clone(),
            },
            text,
        ));
    }
    out
}

/// Where `word` stands in `text` as a whole word.
fn find_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word).map(|(at, _)| at).find(|at| {
        let before = text[..*at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}
