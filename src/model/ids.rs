//! Stable show ids derived from titles.

/// A lowercase ASCII slug of `title`, e.g. `Étoile` → `etoile`, `The Marvelous Mrs. Maisel` →
/// `the-marvelous-mrs-maisel`. Letters outside Latin are kept as they are; a title with nothing
/// usable becomes `show`.
pub fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut pending_dash = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        let folded = fold_latin(c);
        let pieces: &mut dyn Iterator<Item = char> = &mut folded.chars();
        for c in pieces {
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

/// Text for comparing and sorting: lowercase, with accented Latin letters spelled in ASCII, so
/// "etoile" finds "Étoile" and "Étoile" sorts among the E's.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&fold_latin(c));
        }
    }
    out
}

/// The ASCII spelling of common accented Latin letters (already lowercase).
fn fold_latin(c: char) -> String {
    let s = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' | 'ĺ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' | 'ŕ' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        '&' => "and",
        other => return other.to_string(),
    };
    s.to_owned()
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
    }

    #[test]
    fn unique_ids_skip_taken_ones() {
        let taken = ["etoile", "etoile-2"];
        assert_eq!(unique_id("Étoile", taken.iter().copied()), "etoile-3");
        assert_eq!(unique_id("Bunheads", taken.iter().copied()), "bunheads");
    }
}
