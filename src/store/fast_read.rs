//! A fast reader for the RON this app writes.
//!
//! `ron`'s parser tests every character through a function pointer and reads every identifier
//! twice; at ten thousand shows that is most of the time it takes to open the file. The data
//! file uses a small part of RON: structs without names, lists, two-number tuples, unit and
//! one-value enum variants, strings (plain, escaped or raw), plain numbers, booleans, optional
//! values written with or without `Some(…)`, and `//` comments. This reader handles exactly that
//! part, byte by byte, and *declines* everything else (block comments, named structs, maps,
//! hexadecimal numbers, unusual escapes or white space, extensions other than
//! `implicit_some`…).
//!
//! Declining is not an error the user sees: the caller then reads the text with `ron`, which
//! accepts all of RON and reports mistakes with their line and column. So this reader never has
//! to explain a mistake, only to be sure that whatever it does accept means exactly what `ron`
//! would make of it; the tests compare the two on generated files and on thousands of edited
//! ones.

use serde::Deserialize;
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Visitor};

use super::declined::{Declined, decline};
use super::ident;

/// Nesting deeper than this is declined (and `ron` then refuses it), to keep the stack safe.
const MAX_DEPTH: usize = 64;

type Result<T> = std::result::Result<T, Declined>;

/// Reads a whole RON document, or declines it.
pub fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T> {
    let mut reader = Reader {
        text,
        pos: 0,
        depth: 0,
    };
    reader.skip_ws()?;
    reader.extensions()?;
    let value = T::deserialize(&mut reader)?;
    reader.skip_ws()?;
    if reader.pos != text.len() {
        return decline("text after the value");
    }
    Ok(value)
}

/// Reads a run of shows as the data file lists them, each followed by a comma (the last one's
/// optional), from a piece of the list (see `parallel::read`), or declines it.
pub fn shows_from_str(text: &str) -> Result<Vec<std::sync::Arc<crate::model::Show>>> {
    let mut reader = Reader {
        text,
        pos: 0,
        // Inside the watchlist and its list, as the whole file's reader would be.
        depth: 2,
    };
    let mut shows = Vec::new();
    loop {
        reader.skip_ws()?;
        if reader.pos == text.len() {
            return Ok(shows);
        }
        let mut show = crate::model::Show::deserialize(&mut reader)?;
        show.shrink_to_fit();
        shows.push(std::sync::Arc::new(show));
        reader.skip_ws()?;
        if !reader.eat(b',') && reader.pos != text.len() {
            return decline("expected a comma between shows");
        }
    }
}

/// The text and a position in it.
struct Reader<'de> {
    text: &'de str,
    pos: usize,
    depth: usize,
}

impl<'de> Reader<'de> {
    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    /// Skips spaces, tabs, line breaks and `//` comments. Other white space and block comments
    /// are declined.
    fn skip_ws(&mut self) -> Result<()> {
        let bytes = self.bytes();
        loop {
            match bytes.get(self.pos) {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'/') => match bytes.get(self.pos + 1) {
                    Some(b'/') => {
                        self.pos = match bytes[self.pos..].iter().position(|&b| b == b'\n') {
                            Some(offset) => self.pos + offset + 1,
                            None => bytes.len(),
                        }
                    }
                    _ => return decline("block comment"),
                },
                _ => return Ok(()),
            }
        }
    }

    /// `#![enable(implicit_some)]` at the top; optional values are read that way regardless.
    fn extensions(&mut self) -> Result<()> {
        while self.text[self.pos..].starts_with("#![enable(") {
            self.pos += "#![enable(".len();
            loop {
                self.skip_ws()?;
                if self.eat(b')') {
                    break;
                }
                if self.identifier()? != "implicit_some" {
                    return decline("extension");
                }
                self.skip_ws()?;
                if !self.eat(b',') && self.peek() != Some(b')') {
                    return decline("extension list");
                }
            }
            self.skip_ws()?;
            self.expect(b']')?;
            self.skip_ws()?;
        }
        Ok(())
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.eat(byte) {
            Ok(())
        } else {
            decline("unexpected character")
        }
    }

    /// An ASCII identifier. Raw (`r#…`) and non-ASCII identifiers are declined, as is an
    /// identifier running into `.`, `+` or `-` (which `ron` takes for a mistake).
    fn identifier(&mut self) -> Result<&'de str> {
        let bytes = self.bytes();
        let start = self.pos;
        if !bytes.get(start).is_some_and(|&b| ident::is_start(b)) {
            return decline("not an identifier");
        }
        let len = bytes[start..]
            .iter()
            .position(|&b| !ident::is_byte(b))
            .unwrap_or(bytes.len() - start);
        let end = start + len;
        match bytes.get(end) {
            Some(b'#' | b'"' | b'.' | b'+' | b'-') => return decline("raw identifier or string"),
            Some(b) if !b.is_ascii() => return decline("non-ASCII identifier"),
            _ => {}
        }
        self.pos = end;
        Ok(&self.text[start..end])
    }

    /// Whether the next token is exactly the identifier `word`, without consuming it.
    fn at_word(&self, word: &str) -> bool {
        let rest = &self.bytes()[self.pos..];
        rest.starts_with(word.as_bytes())
            && !rest
                .get(word.len())
                .is_some_and(|&b| ident::is_byte(b) || !b.is_ascii())
    }

    /// A string: `"…"` with the common escapes, or raw `r#"…"#`.
    fn string(&mut self) -> Result<Text<'de>> {
        match self.peek() {
            Some(b'"') => {
                self.pos += 1;
                self.escaped_string()
            }
            Some(b'r') => {
                self.pos += 1;
                self.raw_string()
            }
            _ => decline("not a string"),
        }
    }

    fn escaped_string(&mut self) -> Result<Text<'de>> {
        let bytes = self.bytes();
        let start = self.pos;
        // Most strings have no escapes: one search for either byte (memchr2) finds that fastest.
        let Some(len) = memchr::memchr2(b'"', b'\\', &bytes[start..]) else {
            return decline("unclosed string");
        };
        if bytes[start + len] == b'"' {
            self.pos = start + len + 1;
            return Ok(Text::Borrowed(&self.text[start..start + len]));
        }
        let mut owned = String::with_capacity(len + 16);
        let mut from = start;
        loop {
            let Some(len) = memchr::memchr2(b'"', b'\\', &bytes[from..]) else {
                return decline("unclosed string");
            };
            let at = from + len;
            owned.push_str(&self.text[from..at]);
            if bytes[at] == b'"' {
                self.pos = at + 1;
                return Ok(Text::Owned(owned));
            }
            let escaped = match bytes.get(at + 1) {
                Some(b'"') => '"',
                Some(b'\\') => '\\',
                Some(b'\'') => '\'',
                Some(b'n') => '\n',
                Some(b'r') => '\r',
                Some(b't') => '\t',
                Some(b'0') => '\0',
                _ => return decline("escape"),
            };
            owned.push(escaped);
            from = at + 2;
        }
    }

    fn raw_string(&mut self) -> Result<Text<'de>> {
        let bytes = self.bytes();
        let hashes = bytes[self.pos..].iter().take_while(|&&b| b == b'#').count();
        self.pos += hashes;
        self.expect(b'"')?;
        let start = self.pos;
        let closing = &bytes[start..];
        let mut search = 0;
        loop {
            let Some(offset) = closing[search..].iter().position(|&b| b == b'"') else {
                return decline("unclosed raw string");
            };
            let quote = search + offset;
            let after = &closing[quote + 1..];
            if after.len() >= hashes && after[..hashes].iter().all(|&b| b == b'#') {
                self.pos = start + quote + 1 + hashes;
                return Ok(Text::Borrowed(&self.text[start..start + quote]));
            }
            search = quote + 1;
        }
    }

    /// The characters of a plain number: an optional `-` and digits, with a fraction and an
    /// exponent when `float`. Anything else (`+`, `_`, hexadecimal, `inf`…) is declined.
    fn number(&mut self, float: bool) -> Result<&'de str> {
        let bytes = self.bytes();
        let start = self.pos;
        let mut at = start;
        let digits = |at: &mut usize| {
            let from = *at;
            while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
                *at += 1;
            }
            *at > from
        };
        if bytes.get(at) == Some(&b'-') {
            at += 1;
        }
        if !digits(&mut at) {
            return decline("not a number");
        }
        if float {
            if bytes.get(at) == Some(&b'.') {
                at += 1;
                if !digits(&mut at) {
                    return decline("fraction");
                }
            }
            if matches!(bytes.get(at), Some(b'e' | b'E')) {
                at += 1;
                if matches!(bytes.get(at), Some(b'+' | b'-')) {
                    at += 1;
                }
                if !digits(&mut at) {
                    return decline("exponent");
                }
            }
        }
        if bytes
            .get(at)
            .is_some_and(|&b| ident::is_byte(b) || b == b'.' || !b.is_ascii())
        {
            return decline("number form");
        }
        self.pos = at;
        Ok(&self.text[start..at])
    }

    fn integer(&mut self) -> Result<i128> {
        self.skip_ws()?;
        let digits = self.number(false)?;
        digits.parse().or_else(|_| decline("integer range"))
    }

    /// Counts one level of nesting, declining past [`MAX_DEPTH`].
    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return decline("nesting");
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// After an item of a list, tuple or struct: a comma, or the closing bracket (left in place).
    fn after_item(&mut self, close: u8) -> Result<()> {
        self.skip_ws()?;
        if self.eat(b',') || self.peek() == Some(close) {
            Ok(())
        } else {
            decline("expected a comma")
        }
    }
}

/// A string as read: borrowed from the text when it has no escapes.
enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> Text<'de> {
    fn visit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self {
            Text::Borrowed(s) => visitor.visit_borrowed_str(s),
            Text::Owned(s) => visitor.visit_string(s),
        }
    }
}

macro_rules! integer {
    ($($method:ident => $visit:ident as $ty:ty),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            let value = self.integer()?;
            match <$ty>::try_from(value) {
                Ok(value) => visitor.$visit(value),
                Err(_) => decline("integer range"),
            }
        }
    )*};
}

macro_rules! declined {
    ($($method:ident $(($($arg:ty),*))?),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($(_: $arg,)*)? _visitor: V) -> Result<V::Value> {
            decline(stringify!($method))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Declined;

    integer! {
        deserialize_i8 => visit_i8 as i8,
        deserialize_i16 => visit_i16 as i16,
        deserialize_i32 => visit_i32 as i32,
        deserialize_i64 => visit_i64 as i64,
        deserialize_u8 => visit_u8 as u8,
        deserialize_u16 => visit_u16 as u16,
        deserialize_u32 => visit_u32 as u32,
        deserialize_u64 => visit_u64 as u64,
    }

    declined! {
        deserialize_any,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_map,
        deserialize_ignored_any,
        deserialize_unit_struct(&'static str),
        deserialize_newtype_struct(&'static str),
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip_ws()?;
        match self.identifier()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => decline("not a boolean"),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip_ws()?;
        match self.number(true)?.parse() {
            Ok(value) => visitor.visit_f32(value),
            Err(_) => decline("float"),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip_ws()?;
        match self.number(true)?.parse() {
            Ok(value) => visitor.visit_f64(value),
            Err(_) => decline("float"),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip_ws()?;
        self.string()?.visit(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip_ws()?;
        if self.at_word("None") {
            self.pos += "None".len();
            return visitor.visit_none();
        }
        if self.at_word("Some") {
            self.pos += "Some".len();
            self.skip_ws()?;
            self.expect(b'(')?;
            self.enter()?;
            let value = visitor.visit_some(&mut *self)?;
            self.leave();
            self.skip_ws()?;
            self.expect(b')')?;
            return Ok(value);
        }
        // `implicit_some`: a bare value is `Some(value)`.
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip_ws()?;
        self.expect(b'(')?;
        self.skip_ws()?;
        self.expect(b')')?;
        visitor.visit_unit()
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip_ws()?;
        self.expect(b'[')?;
        self.enter()?;
        let value = visitor.visit_seq(Items {
            reader: self,
            close: b']',
        })?;
        self.leave();
        self.skip_ws()?;
        self.expect(b']')?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.skip_ws()?;
        self.expect(b'(')?;
        self.enter()?;
        let value = visitor.visit_seq(Items {
            reader: self,
            close: b')',
        })?;
        self.leave();
        self.skip_ws()?;
        self.expect(b')')?;
        Ok(value)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.skip_ws()?;
        self.expect(b'(')?;
        self.enter()?;
        let value = visitor.visit_map(Fields { reader: self })?;
        self.leave();
        self.skip_ws()?;
        self.expect(b')')?;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.skip_ws()?;
        self.enter()?;
        let value = visitor.visit_enum(Variant { reader: self })?;
        self.leave();
        Ok(value)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip_ws()?;
        visitor.visit_borrowed_str(self.identifier()?)
    }
}

/// The items of a list or tuple.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    close: u8,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Declined;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        self.reader.skip_ws()?;
        if self.reader.peek() == Some(self.close) {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.after_item(self.close)?;
        Ok(Some(value))
    }
}

/// The fields of a struct: `name: value`.
struct Fields<'a, 'de> {
    reader: &'a mut Reader<'de>,
}

impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
    type Error = Declined;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        self.reader.skip_ws()?;
        if self.reader.peek() == Some(b')') {
            return Ok(None);
        }
        let name = self.reader.identifier()?;
        self.reader.skip_ws()?;
        self.reader.expect(b':')?;
        seed.deserialize(BorrowedStrDeserializer::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.after_item(b')')?;
        Ok(value)
    }
}

/// An enum value: a variant name, then its content if it has any.
struct Variant<'a, 'de> {
    reader: &'a mut Reader<'de>,
}

impl<'a, 'de> de::EnumAccess<'de> for Variant<'a, 'de> {
    type Error = Declined;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let name = self.reader.identifier()?;
        let variant = seed.deserialize(BorrowedStrDeserializer::new(name))?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Declined;

    fn unit_variant(self) -> Result<()> {
        // `Airing()` and `Airing(…)` are for `ron` to judge.
        self.reader.skip_ws()?;
        if self.reader.peek() == Some(b'(') {
            return decline("unit variant with parentheses");
        }
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.reader.skip_ws()?;
        self.reader.expect(b'(')?;
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.skip_ws()?;
        self.reader.expect(b')')?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_tuple(self.reader, len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_struct(self.reader, "", fields, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Watchlist, generate};
    use crate::store::fixtures::rich;
    use crate::store::format::{ron_options, to_ron};

    /// Reads `text` with both readers. Whenever the fast reader accepts, `ron` must read exactly
    /// the same watchlist; returns whether the fast reader accepted.
    fn agrees(text: &str) -> bool {
        let Ok(fast) = from_str::<Watchlist>(text) else {
            return false;
        };
        let by_ron = ron_options().from_str::<Watchlist>(text);
        assert!(
            by_ron.as_ref().ok() == Some(&fast),
            "the fast reader accepted text that ron reads as {by_ron:?}:\n{text}"
        );
        true
    }

    #[test]
    fn reads_what_the_app_writes_and_the_sample() {
        for watchlist in [rich(), generate::watchlist(300, 5), Watchlist::default()] {
            let text = to_ron(&watchlist).expect("ron");
            assert!(agrees(&text), "declined the app's own text:\n{text}");
            assert!(from_str::<Watchlist>(&text).expect("reads") == watchlist);
        }
        // The sample is written by hand, with explicit `Some(…)`.
        assert!(agrees(crate::model::SAMPLE_RON), "declined the sample");
    }

    #[test]
    fn hand_written_forms_are_read_as_ron_reads_them_or_declined() {
        let show = |fields: &str| {
            format!(
                "(schema_version: 1, shows: [(id: \"a\", title: \"A\", status: Ended, {fields})])"
            )
        };
        // (fields, whether the fast reader should take it)
        let cases = [
            ("", true),
            ("network: None", true),
            ("network: Some(\"HBO\")", true),
            ("network: Some( \"HBO\" ) ,", true),
            ("network: \"HBO\"", true),
            ("notes: r\"no quotes\"", true),
            ("notes: r##\"has \"# inside\"##", true),
            ("notes: \"esc \\\" \\\\ \\n \\t \\r \\0 \\'\"", true),
            ("notes: \"unicode \\u{e9}\"", false),
            ("notes: \"hex \\x41\"", false),
            ("notes: \"continued \\\n   line\"", false),
            ("premiered: \"2020-01-02\"", true),
            ("premiered: \"2020-13-02\"", false),
            ("external_ids: (tvmaze: 12, tmdb: 0)", true),
            ("external_ids: (tvmaze: +12)", false),
            ("external_ids: (tvmaze: 0x12)", false),
            ("external_ids: (tvmaze: 1_000)", false),
            ("external_ids: (tvmaze: -1)", false),
            ("external_ids: (tvmaze: 99999999999999999999999)", false),
            (
                "scores: [(source: Imdb, kind: Critic, value: 8, out_of: 10.0)]",
                true,
            ),
            (
                "scores: [(source: Imdb, kind: Critic, value: 8.25e1, out_of: 1E2)]",
                true,
            ),
            (
                "scores: [(source: Imdb, kind: Critic, value: -0.0, out_of: 10.)]",
                false,
            ),
            (
                "scores: [(source: Imdb, kind: Critic, value: inf, out_of: 10.0)]",
                false,
            ),
            (
                "scores: [(source: Other(\"Club\"), kind: Critic, value: 1.5, out_of: 10.0)]",
                true,
            ),
            (
                "scores: [(source: Other(\"Club\",), kind: Critic, value: 1.5, out_of: 10.0)]",
                false,
            ),
            ("storylines: [(title: \"T\", left_at: (1, 2))]", true),
            ("storylines: [(title: \"T\", left_at: Some((1, 2,)))]", true),
            ("storylines: [(title: \"T\", left_at: (1, 2, 3))]", false),
            ("storylines: [(title: \"T\", left_at: (1))]", false),
            ("progress: (dropped: true, watched: [1, 2,])", true),
            ("spoiler_shield: false", true),
            ("spoiler_shield: False", false),
            (
                "status_history: [(status: Airing, source: Url(\"https://x\"), seen: false)]",
                true,
            ),
            (
                "status_history: [(status: Airing(), source: Manual)]",
                false,
            ),
            (
                "catalog: (status: Canceled, source: None, seasons: 2)",
                true,
            ),
            ("catalog: Some((seasons: 2))", true),
            ("tags: [\"a\", \"b\"] // a comment\n", true),
            ("tags: [\"a\", /* block */ \"b\"]", false),
            ("tags: [\"a\"\n,\"b\"\t,\r\n]", true),
            ("tags: [\"a\" \"b\"]", false),
            ("tags: [\"a\",,]", false),
            ("notse: \"typo\"", false),
            ("title: \"twice\"", false),
            ("r#notes: \"raw identifier\"", false),
            ("notes\u{85}: \"odd white space\"", false),
            ("ñotes: \"x\"", false),
        ];
        for (fields, accepted) in cases {
            let text = show(fields);
            assert!(
                agrees(&text) == accepted,
                "{fields:?}: expected the fast reader to {}",
                if accepted { "accept" } else { "decline" }
            );
        }
        // The header forms: comments and the `implicit_some` extension, or another one.
        assert!(agrees(
            "// c\n#![enable(implicit_some)]\n// d\n(schema_version: 1)"
        ));
        assert!(agrees(
            "#![enable(implicit_some,)] (schema_version: 1, shows: [])"
        ));
        assert!(!agrees("#![enable(unwrap_newtypes)] (schema_version: 1)"));
        assert!(!agrees("Watchlist(schema_version: 1)"));
        assert!(!agrees("(schema_version: 1) trailing"));
        assert!(!agrees("(schema_version: 1"));
    }

    #[test]
    fn nesting_past_the_limit_is_declined_without_overflowing_the_stack() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Deep {
            next: Option<Box<Deep>>,
        }
        let text = format!("{}(){}", "(next: ".repeat(10_000), ")".repeat(10_000));
        assert!(from_str::<Deep>(&text).is_err());
        let shallow = format!("{}(){}", "(next: ".repeat(10), ")".repeat(10));
        assert!(from_str::<Deep>(&shallow).is_ok());
    }

    /// A tiny deterministic random source for the edits below.
    struct Dice(u64);

    impl Dice {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    /// What the edits insert: RON's punctuation and the forms the fast reader must decline.
    const SNIPPETS: &[&str] = &[
        "Some(",
        "(",
        ")",
        "[",
        "]",
        ",",
        ":",
        "None",
        "\"",
        "r#\"",
        "\"#",
        "\\",
        "\\n",
        "\n",
        "//c\n",
        "/*",
        "1",
        "-",
        ".5",
        "e3",
        " ",
        "\t",
        "x",
        "é",
        "_",
        "#",
        "true",
        "Canceled",
        "0x1",
        "+",
        "\u{85}",
        "\\u{41}",
        "r",
        "b\"",
        "''",
        "Other(\"o\")",
    ];

    /// Makes `rounds` files of a few random edits each to a real file, the way a hand edit or
    /// a damaged sync can go wrong, and checks that whatever the fast reader accepts, `ron`
    /// reads the same. Returns how many the fast reader accepted.
    fn edit_and_compare(seed: u64, rounds: usize) -> usize {
        let base = to_ron(&rich()).expect("ron");
        let mut dice = Dice(seed | 1);
        let mut accepted = 0;
        for _ in 0..rounds {
            let mut chars: Vec<char> = base.chars().collect();
            for _ in 0..=dice.below(3) {
                let at = dice.below(chars.len());
                match dice.below(4) {
                    0 => {
                        let end = (at + 1 + dice.below(8)).min(chars.len());
                        chars.drain(at..end);
                    }
                    1 => {
                        let snippet = SNIPPETS[dice.below(SNIPPETS.len())];
                        chars.splice(at..at, snippet.chars());
                    }
                    2 => {
                        let end = (at + 1 + dice.below(12)).min(chars.len());
                        let copy: Vec<char> = chars[at..end].to_vec();
                        let to = dice.below(chars.len());
                        chars.splice(to..to, copy);
                    }
                    _ => {
                        if at + 1 < chars.len() {
                            chars.swap(at, at + 1);
                        }
                    }
                }
            }
            let text: String = chars.into_iter().collect();
            if agrees(&text) {
                accepted += 1;
            }
        }
        println!(
            "seed {seed}: {accepted} of {rounds} edited files taken by the fast reader, each read \
             the same by ron; the rest left to ron"
        );
        accepted
    }

    /// The edits of a fixed seed, kept as a corpus that always runs the same.
    #[test]
    fn edited_files_are_read_as_ron_reads_them_or_declined() {
        let rounds = 3000;
        let accepted = edit_and_compare(0x9e37_79b9_7f4a_7c15, rounds);
        // Many edits land in text or leave the file valid: both paths are exercised.
        assert!(
            accepted > rounds / 20 && accepted < rounds,
            "accepted {accepted} of {rounds}"
        );
    }

    /// New edits every run, from a fresh seed that the output names, so that each run of the
    /// suite tries files no run tried before. `CURTAINCALL_FUZZ_SEED=N` repeats a run.
    #[test]
    fn freshly_edited_files_are_read_as_ron_reads_them_or_declined() {
        let seed = std::env::var("CURTAINCALL_FUZZ_SEED")
            .ok()
            .and_then(|seed| seed.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |since| since.as_nanos() as u64)
            });
        println!("fast reader fuzz: CURTAINCALL_FUZZ_SEED={seed} repeats this run");
        edit_and_compare(seed, 2000);
    }
}
