//! An article's text cut into sentences, and the small reading aids the extractors share:
//! words, people's names, ordinals.

use std::sync::LazyLock;

use regex::Regex;

/// One sentence of an article: its text as written (typographic apostrophes made plain), and
/// folded (lowercase, accents off, `&` as "and") for finding titles and cue words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub folded: String,
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 13] = [
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "no", "inc", "co", "ltd", "bros",
];

/// The sentences of `text`: ended by `.`, `!` or `?` followed by a space and a capital, a
/// digit or a quote, or by a line break; never after an abbreviation or an initial.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let text = text.replace(['\u{2019}', '\u{2018}'], "'");
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
        let mut start = 0;
        for (i, &(at, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            // Closing quotes and brackets stay with the sentence they close.
            let mut end = i + 1;
            while chars
                .get(end)
                .is_some_and(|(_, c)| matches!(c, '"' | '\u{201d}' | ')' | '\''))
            {
                end += 1;
            }
            let next_is_space = chars.get(end).is_some_and(|(_, c)| c.is_whitespace());
            let after = chars[end..].iter().find(|(_, c)| !c.is_whitespace());
            let starts_sentence = after.is_some_and(|(_, c)| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201c}' | '\'')
            });
            if !(next_is_space && starts_sentence) {
                continue;
            }
            if c == '.' && before_is_abbreviation(&paragraph[start..at]) {
                continue;
            }
            let cut = chars.get(end).map_or(paragraph.len(), |(a, _)| *a);
            push(&mut out, &paragraph[start..cut]);
            start = cut;
        }
        push(&mut out, &paragraph[start..]);
    }
    out
}

/// The longest sentence read whole; a longer run without a stop (a page that is one line) is
/// cut at spaces into pieces this long, which keeps every pattern's work proportional to the
/// text.
const MAX_SENTENCE: usize = 1_000;

fn push(out: &mut Vec<Sentence>, text: &str) {
    let mut text = text.trim();
    while text.len() > MAX_SENTENCE {
        let cut = text.floor_char_boundary(MAX_SENTENCE);
        let at = text[..cut]
            .rfind(char::is_whitespace)
            .filter(|at| *at > 0)
            .unwrap_or(cut);
        push_one(out, &text[..at]);
        text = text[at..].trim_start();
    }
    push_one(out, text);
}

fn push_one(out: &mut Vec<Sentence>, text: &str) {
    let text = text.trim();
    if text.chars().any(char::is_alphanumeric) {
        out.push(Sentence {
            text: text.to_owned(),
            folded: crate::model::ids::fold(text),
        });
    }
}

/// True when the text before a full stop ends with an abbreviation ("Mrs") or an initial
/// ("J").
fn before_is_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    initial || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// A person's name as articles write it: two to four capitalised words, with the particles
/// and hyphens names have ("Lou de Laâge", "Amy Sherman-Palladino", "Dhana Rivera Gilbert").
pub const NAME: &str = r"(?:[A-Z][\p{L}'\-]+|[A-Z]\.)(?:\s+(?:(?:de|da|del|della|di|du|van|von|der|le|la|al|bin|ben)\s+)?(?:[A-Z][\p{L}'\-]+|[A-Z]\.)){1,3}";

/// A character's name: one to three capitalised words ("Jack", "Mara Kell", "Dr. Ines Volk").
pub const CHARACTER: &str = r"(?:(?:Dr|Mr|Mrs|Ms|Detective|Captain|Agent|Officer|Sister|Father|Aunt|Uncle)\.?\s+)?[A-Z][\p{L}'\-]+(?:\s+[A-Z][\p{L}'\-]+){0,2}";

/// Words that start with a capital but are no one's name.
pub fn is_common_capital(word: &str) -> bool {
    static COMMON: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
        [
            "The",
            "A",
            "An",
            "And",
            "But",
            "Or",
            "In",
            "On",
            "At",
            "As",
            "For",
            "With",
            "From",
            "By",
            "Of",
            "To",
            "It",
            "Its",
            "This",
            "That",
            "These",
            "Those",
            "He",
            "She",
            "They",
            "We",
            "I",
            "His",
            "Her",
            "Their",
            "Our",
            "While",
            "When",
            "After",
            "Before",
            "Though",
            "Although",
            "Despite",
            "Season",
            "Series",
            "Episode",
            "Netflix",
            "Hulu",
            "Amazon",
            "Prime",
            "Video",
            "Apple",
            "Disney",
            "Max",
            "HBO",
            "Peacock",
            "Paramount",
            "Fans",
            "Critics",
            "Viewers",
            "Rotten",
            "Tomatoes",
            "Metacritic",
            "IMDb",
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
            "Variety",
            "Deadline",
            "TV",
            "Studios",
            "Television",
            "One",
            "Two",
            "Three",
            "Meanwhile",
            "Also",
            "Still",
            "Yet",
            "So",
            "Now",
            "Then",
            "There",
            "Here",
            "What",
            "Who",
            "Whether",
            "If",
            "Unlike",
            "Like",
            "Both",
            "All",
            "Not",
            "No",
            "Yes",
            "Sources",
            "According",
            "Reports",
            "Report",
            "News",
            "LOS",
            "ANGELES",
            "NEW",
            "YORK",
            "LONDON",
        ]
        .into_iter()
        .collect()
    });
    COMMON.contains(word)
}

/// True when `name` looks like a person's name: no word of it a common capitalised word.
pub fn is_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 2
        && !words
            .iter()
            .any(|w| is_common_capital(w.trim_end_matches('.')))
}

/// The number an ordinal or a small cardinal names: "second" 2, "three" 3, "4th" 4.
pub fn number_word(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    let word = word.trim_end_matches(['s', ',']);
    let n = match word {
        "one" | "first" | "1st" | "single" => 1,
        "two" | "second" | "2nd" => 2,
        "three" | "third" | "3rd" => 3,
        "four" | "fourth" | "4th" => 4,
        "five" | "fifth" | "5th" => 5,
        "six" | "sixth" | "6th" => 6,
        "seven" | "seventh" | "7th" => 7,
        "eight" | "eighth" | "8th" => 8,
        "nine" | "ninth" | "9th" => 9,
        "ten" | "tenth" | "10th" => 10,
        other => return other.parse().ok().filter(|n| (1..=60).contains(n)),
    };
    Some(n)
}

/// A compiled pattern. One that does not compile (a bug, which the test
/// `every_pattern_compiles` catches) is logged and matches nothing, rather than stopping the
/// app.
pub struct Pattern(Option<Regex>);

impl Pattern {
    /// Every match's captures.
    pub fn captures_iter<'t>(&self, text: &'t str) -> impl Iterator<Item = regex::Captures<'t>> {
        self.0.iter().flat_map(move |re| re.captures_iter(text))
    }

    /// The first match's captures.
    pub fn captures<'t>(&self, text: &'t str) -> Option<regex::Captures<'t>> {
        self.0.as_ref()?.captures(text)
    }

    /// Every match.
    pub fn find_iter<'t>(&self, text: &'t str) -> impl Iterator<Item = regex::Match<'t>> {
        self.0.iter().flat_map(move |re| re.find_iter(text))
    }

    /// True when it matches somewhere.
    pub fn is_match(&self, text: &str) -> bool {
        self.0.as_ref().is_some_and(|re| re.is_match(text))
    }

    /// `text` cut where it matches.
    pub fn split<'t>(&self, text: &'t str) -> Vec<&'t str> {
        match &self.0 {
            Some(re) => re.split(text).collect(),
            None => vec![text],
        }
    }
}

/// The words a company's name ends with: "Saltbox Television", "Amazon MGM Studios".
pub const STUDIO_WORDS: [&str; 8] = [
    "Studios",
    "Studio",
    "Television",
    "Productions",
    "Entertainment",
    "Pictures",
    "Films",
    "Media",
];

/// Compiles a pattern written in this module's terms (`{NAME}`, `{CHARACTER}`). Letters are
/// the Latin ones (`\p{L}` becomes Latin-1 and Latin Extended) and word boundaries are ASCII:
/// smaller automata for the regex engine, which keeps a 5,000-word article within its budget.
pub fn pattern(template: &str) -> Pattern {
    let source = template
        .replace("{NAME}", NAME)
        .replace("{CHARACTER}", CHARACTER)
        .replace(r"\p{L}", r"a-zA-Z\x{C0}-\x{24F}")
        .replace(r"\b", r"(?-u:\b)");
    match Regex::new(&source) {
        Ok(re) => Pattern(Some(re)),
        Err(error) => {
            log::error!("an article pattern does not compile ({template}): {error}");
            // Loud in tests and debug builds, where every pattern is compiled by the corpus.
            debug_assert!(false, "pattern {template}: {error}");
            Pattern(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_stops_not_at_abbreviations_or_initials() {
        let got: Vec<String> = sentences(
            "The Marvelous Mrs. Maisel ended. J. R. Smith said so! Did it? \"Yes.\" It did\nA new line",
        )
        .into_iter()
        .map(|s| s.text)
        .collect();
        assert_eq!(
            got,
            [
                "The Marvelous Mrs. Maisel ended.",
                "J. R. Smith said so!",
                "Did it?",
                "\"Yes.\"",
                "It did",
                "A new line"
            ]
        );
    }

    #[test]
    fn names_and_numbers_read_as_articles_write_them() {
        let name = pattern(&format!("^{NAME}$"));
        for good in [
            "Lou de Laâge",
            "Amy Sherman-Palladino",
            "Dhana Rivera Gilbert",
        ] {
            assert!(name.is_match(good), "{good}");
        }
        assert!(!name.is_match("Kirby"));
        assert!(is_person("Luke Kirby"));
        assert!(!is_person("Prime Video"));
        assert_eq!(number_word("second"), Some(2));
        assert_eq!(number_word("4th"), Some(4));
        assert_eq!(number_word("seasons"), None);
    }
}
