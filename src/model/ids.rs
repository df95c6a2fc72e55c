//! Stable show ids derived from titles, and the folding that makes text compare and sort
//! without regard to case or accents.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A lowercase slug of `title`, e.g. `Étoile` → `etoile`, `The Marvelous Mrs. Maisel` →
/// `the-marvelous-mrs-maisel`: its words folded (see [`fold`]) and joined by dashes. Letters
/// outside Latin are kept as they are; a title with nothing usable becomes `show`.
pub fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut pending_dash = false;
    for c in fold(title).chars() {
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else if c != '\'' && c != '’' {
            pending_dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("show");
    }
    out
}

/// A slug of `title` that no id in `taken` already uses: `etoile`, then `etoile-2`, `etoile-3`…
pub fn unique_id<'a>(title: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    let base = slug(title);
    let is_free = |candidate: &str| !taken.clone().any(|id| id == candidate);
    if is_free(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| is_free(candidate))
        .unwrap_or(base)
}

/// Text for comparing and sorting: lowercase, with accents dropped, so "etoile" finds
/// "Étoile", "laage" finds "Laâge", and "Étoile" sorts among the E's.
///
/// Accents go by Unicode's canonical decomposition (NFD, then the combining marks dropped);
/// the few Latin letters that are not a base letter plus a mark (æ, ø, ł, ß…) are spelled out
/// by hand, as is `&` ("and"). ASCII, most of any text, takes a fast path.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            match c {
                '&' => out.push_str("and"),
                c => out.push(c.to_ascii_lowercase()),
            }
            continue;
        }
        for c in c.to_lowercase() {
            match spelled_out(c) {
                Some(ascii) => out.push_str(ascii),
                None => decompose_canonical(c, |part| {
                    if !is_combining_mark(part) {
                        out.push(part);
                    }
                }),
            }
        }
    }
    out
}

/// Latin letters that canonical decomposition leaves whole, spelled in ASCII.
fn spelled_out(c: char) -> Option<&'static str> {
    Some(match c {
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'ı' => "i",
        'ß' => "ss",
        'þ' => "th",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_read_like_the_title() {
        assert_eq!(slug("Étoile"), "etoile");
        assert_eq!(
            slug("The Marvelous Mrs. Maisel"),
            "the-marvelous-mrs-maisel"
        );
        assert_eq!(slug("Grey's Anatomy"), "greys-anatomy");
        assert_eq!(slug("  "), "show");
        assert_eq!(slug("東京"), "東京");
        assert_eq!(slug("Law & Order"), "law-and-order");
    }

    #[test]
    fn folding_drops_accents_and_spells_out_the_letters_that_have_none() {
        assert_eq!(fold("Étoile"), "etoile");
        assert_eq!(fold("Lou de Laâge"), "lou de laage");
        assert_eq!(
            fold("Ørsted, Łódź, Straße, Æon, Þór"),
            "orsted, lodz, strasse, aeon, thor"
        );
        assert_eq!(fold("Ça Ğ Ș Ț"), "ca g s t");
        // The same text whether its accents come composed or as combining marks.
        assert_eq!(fold("E\u{301}toile"), fold("\u{c9}toile"));
        assert_eq!(fold("Tōkyō 東京"), "tokyo 東京");
    }

    #[test]
    fn unique_ids_skip_taken_ones() {
        let taken = ["etoile", "etoile-2"];
        assert_eq!(unique_id("Étoile", taken.iter().copied()), "etoile-3");
        assert_eq!(unique_id("Bunheads", taken.iter().copied()), "bunheads");
    }
}
