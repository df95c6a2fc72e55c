//! A fast writer for the data file, byte for byte the text `ron`'s pretty printer makes with
//! the settings in [`super::format`].
//!
//! `ron` checks every field name against the Unicode identifier tables each time it writes it,
//! which is half its time at ten thousand shows. This writer produces the same layout (four
//! spaces per level, one line per item down to the fourth level, `, ` below it, strings
//! unescaped or raw, optional values without `Some(…)`) for the kinds of values the data file
//! holds, and *declines* the rest (maps, bytes, unusual identifiers), in which case the caller
//! writes with `ron`. The tests compare its output with `ron`'s byte for byte.

use std::fmt::Write as _;

use serde::Serialize;
use serde::ser::{self, Impossible};

use super::declined::{Declined, decline};
use super::ident;

/// Levels below this are written on one line, as `ron`'s `depth_limit(4)`.
const DEPTH_LIMIT: usize = 4;
const INDENT: &str = "    ";
/// `ron`'s default recursion limit when writing.
const RECURSION_LIMIT: usize = 128;

type Result<T = ()> = std::result::Result<T, Declined>;

/// `prefix` followed by `value` as `ron::ser::to_string_pretty` writes it with the data file's
/// settings, in a string with room for `capacity` bytes.
pub fn to_string<T: Serialize + ?Sized>(
    value: &T,
    prefix: &str,
    capacity: usize,
) -> Result<String> {
    let mut out = String::with_capacity(capacity.max(prefix.len()));
    out.push_str(prefix);
    let mut writer = Writer {
        out,
        indent: 0,
        is_empty: None,
        implicit_some_depth: 0,
        recursion_left: RECURSION_LIMIT,
    };
    writer.out.push_str("#![enable(implicit_some)]\n");
    value.serialize(&mut writer)?;
    Ok(writer.out)
}

/// The text so far and where the printer stands, mirroring `ron::ser::Serializer`.
struct Writer {
    out: String,
    indent: usize,
    /// Whether the list or struct just opened has no items (then no line break inside).
    is_empty: Option<bool>,
    /// `Some`s opened without being written (`implicit_some`); only a `None` inside shows them.
    implicit_some_depth: usize,
    recursion_left: usize,
}

impl Writer {
    fn start_indent(&mut self) {
        self.indent += 1;
        if self.indent <= DEPTH_LIMIT && !self.is_empty.unwrap_or(false) {
            self.out.push('\n');
        }
    }

    fn write_indent(&mut self) {
        if self.indent <= DEPTH_LIMIT {
            for _ in 0..self.indent {
                self.out.push_str(INDENT);
            }
        }
    }

    fn end_indent(&mut self) {
        if self.indent <= DEPTH_LIMIT && !self.is_empty.unwrap_or(false) {
            for _ in 1..self.indent {
                self.out.push_str(INDENT);
            }
        }
        self.indent -= 1;
        self.is_empty = None;
    }

    /// Between two items: a line break down to the depth limit, a space below it.
    fn separate(&mut self) {
        self.out.push(',');
        self.out.push(if self.indent <= DEPTH_LIMIT {
            '\n'
        } else {
            ' '
        });
    }

    /// After the last item of a multi-line list or struct: a trailing comma and a line break.
    fn close_lines(&mut self, had_items: bool) {
        if had_items && self.indent <= DEPTH_LIMIT {
            self.out.push_str(",\n");
        }
    }

    /// A field or variant name. Only plain ASCII names that `ron` writes as they are; anything
    /// needing `r#` is declined.
    fn identifier(&mut self, name: &str) -> Result {
        let bytes = name.as_bytes();
        let plain = bytes
            .first()
            .is_some_and(|&b| ident::is_start(b))
            && bytes.iter().all(|&b| ident::is_byte(b))
            // The words `ron` writes as `r#…` all start with one of these letters.
            && !(matches!(bytes[0], b't' | b'f' | b'S' | b'N' | b'i')
                && matches!(
                    name,
                    "true"
                        | "false"
                        | "Some"
                        | "None"
                        | "inf"
                        | "inff32"
                        | "inff64"
                        | "NaN"
                        | "NaNf32"
                        | "NaNf64"
                ));
        if !plain {
            return decline("identifier");
        }
        self.out.push_str(name);
        Ok(())
    }

    /// Runs `f` one level of recursion deeper, as `ron`'s limit counts them.
    fn nested(&mut self, f: impl FnOnce(&mut Self) -> Result) -> Result {
        if self.recursion_left == 0 {
            return decline("recursion limit");
        }
        self.recursion_left -= 1;
        let result = f(self);
        self.recursion_left += 1;
        result
    }

    fn display(&mut self, value: impl std::fmt::Display) -> Result {
        write!(self.out, "{value}").or_else(|_| decline("format"))
    }
}

/// A list, tuple or struct being written.
struct Compound<'a> {
    writer: &'a mut Writer,
    first: bool,
}

/// Integers are written as `{}` formats them, as `ron` does.
macro_rules! integers {
    ($($method:ident: $ty:ty),* $(,)?) => {$(
        fn $method(self, v: $ty) -> Result {
            self.display(v)
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Declined;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Impossible<(), Declined>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    integers! {
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
    }

    fn serialize_f32(self, v: f32) -> Result {
        if v.is_nan() && v.is_sign_negative() {
            self.out.push('-');
        }
        write!(self.out, "{v:?}").or_else(|_| decline("format"))
    }

    fn serialize_f64(self, v: f64) -> Result {
        if v.is_nan() && v.is_sign_negative() {
            self.out.push('-');
        }
        write!(self.out, "{v:?}").or_else(|_| decline("format"))
    }

    fn serialize_char(self, v: char) -> Result {
        self.out.push('\'');
        if v == '\\' || v == '\'' {
            self.out.push('\\');
        }
        self.out.push(v);
        self.out.push('\'');
        Ok(())
    }

    /// Unescaped, so that notes stay readable in the file; raw (`r#"…"#`, with one `#` more
    /// than the longest run in the text) when the text holds `"` or `\`.
    fn serialize_str(self, v: &str) -> Result {
        // Two byte searches (memchr) are faster than one search for either character.
        if v.contains('"') || v.contains('\\') {
            let mut longest = 0;
            let mut run = 0;
            for b in v.bytes() {
                run = if b == b'#' { run + 1 } else { 0 };
                longest = longest.max(run);
            }
            let hashes = longest + 1;
            self.out.push('r');
            (0..hashes).for_each(|_| self.out.push('#'));
            self.out.push('"');
            self.out.push_str(v);
            self.out.push('"');
            (0..hashes).for_each(|_| self.out.push('#'));
        } else {
            self.out.push('"');
            self.out.push_str(v);
            self.out.push('"');
        }
        Ok(())
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result {
        decline("bytes")
    }

    fn serialize_none(self) -> Result {
        let depth = std::mem::take(&mut self.implicit_some_depth);
        (0..depth).for_each(|_| self.out.push_str("Some("));
        self.out.push_str("None");
        (0..depth).for_each(|_| self.out.push(')'));
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        self.implicit_some_depth += 1;
        self.nested(|w| value.serialize(&mut *w))?;
        self.implicit_some_depth = 0;
        Ok(())
    }

    fn serialize_unit(self) -> Result {
        self.out.push_str("()");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.identifier(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        self.implicit_some_depth = 0;
        self.out.push('(');
        self.nested(|w| value.serialize(&mut *w))?;
        self.out.push(')');
        Ok(())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.identifier(variant)?;
        self.out.push('(');
        self.implicit_some_depth = 0;
        self.nested(|w| value.serialize(&mut *w))?;
        self.out.push(')');
        Ok(())
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a>> {
        self.implicit_some_depth = 0;
        self.out.push('[');
        if let Some(len) = len {
            self.is_empty = Some(len == 0);
        }
        self.start_indent();
        Ok(Compound {
            writer: self,
            first: true,
        })
    }

    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>> {
        self.implicit_some_depth = 0;
        self.out.push('(');
        Ok(Compound {
            writer: self,
            first: true,
        })
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>> {
        self.serialize_tuple(len)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>> {
        self.identifier(variant)?;
        self.serialize_tuple(len)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        decline("map")
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>> {
        self.implicit_some_depth = 0;
        self.out.push('(');
        self.is_empty = Some(len == 0);
        self.start_indent();
        Ok(Compound {
            writer: self,
            first: true,
        })
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>> {
        self.identifier(variant)?;
        self.serialize_struct(name, len)
    }
}

impl Compound<'_> {
    /// A list item or struct field: separated from the one before, indented.
    fn item(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.writer.separate();
        }
        self.writer.write_indent();
    }

    /// A tuple member: `, ` between members, all on one line.
    fn member<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        if self.first {
            self.first = false;
        } else {
            self.writer.out.push_str(", ");
        }
        self.writer.nested(|w| value.serialize(&mut *w))
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.item();
        self.writer.identifier(key)?;
        self.writer.out.push_str(": ");
        self.writer.nested(|w| value.serialize(&mut *w))
    }

    /// The end of a multi-line list or struct.
    fn close(self, bracket: char) -> Result {
        self.writer.close_lines(!self.first);
        self.writer.end_indent();
        self.writer.out.push(bracket);
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Declined;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.item();
        self.writer.nested(|w| value.serialize(&mut *w))
    }

    fn end(self) -> Result {
        self.close(']')
    }
}

/// Tuples, tuple structs and tuple variants: members on one line, then `)`.
macro_rules! tuple_like {
    ($($kind:ident::$method:ident),*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = Declined;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                self.member(value)
            }

            fn end(self) -> Result {
                self.writer.out.push(')');
                Ok(())
            }
        }
    )*};
}

tuple_like!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// Structs and struct variants: a field a line down to the depth limit, then `)`.
macro_rules! struct_like {
    ($($kind:ident),*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = Declined;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result {
                self.field(key, value)
            }

            fn end(self) -> Result {
                self.close(')')
            }
        }
    )*};
}

struct_like!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::*;
    use crate::model::{Score, ScoreKind, ScoreSource, Source, Watchlist, generate, sample};
    use crate::store::fixtures::rich;
    use crate::store::format::ron_body;

    fn same_as_ron(watchlist: &Watchlist) {
        let fast = to_string(watchlist, "", 0).expect("the fast writer takes every watchlist");
        let by_ron = ron_body(watchlist).expect("ron writes");
        if fast != by_ron {
            let at = fast
                .bytes()
                .zip(by_ron.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(fast.len().min(by_ron.len()));
            let from = at.saturating_sub(80);
            panic!(
                "texts differ at byte {at}:\nfast: {:?}\n ron: {:?}",
                fast.get(from..(at + 40).min(fast.len())),
                by_ron.get(from..(at + 40).min(by_ron.len()))
            );
        }
    }

    #[test]
    fn writes_the_same_bytes_as_ron() {
        same_as_ron(&rich());
        same_as_ron(&generate::watchlist(300, 8));
        same_as_ron(&sample().expect("sample"));
        same_as_ron(&Watchlist::default());
    }

    /// Shapes the watchlist does not use today, for the day it does: tuple and struct variants,
    /// unit and newtype structs, nested options, characters, empty lists and structs.
    #[test]
    fn other_shapes_are_written_as_ron_writes_them() {
        #[derive(serde::Serialize)]
        struct Unit;
        #[derive(serde::Serialize)]
        struct Newtype(u8);
        #[derive(serde::Serialize)]
        struct Empty {}
        #[derive(serde::Serialize)]
        enum Shape {
            Pair(i32, String),
            Named { x: f32, tags: Vec<char> },
        }
        #[derive(serde::Serialize)]
        struct All {
            shapes: Vec<Shape>,
            nested: Vec<Vec<Vec<Vec<Vec<u16>>>>>,
            maybe: Option<Option<bool>>,
            none: Option<Option<bool>>,
            unit: Unit,
            newtype: Newtype,
            empty: Empty,
            nothing: Vec<u8>,
            chars: (char, char, char),
            unit_value: (),
        }
        let value = All {
            shapes: vec![
                Shape::Pair(-3, "a \"b\"".to_owned()),
                Shape::Named {
                    x: 0.5,
                    tags: vec!['x', '\''],
                },
            ],
            nested: vec![vec![vec![vec![vec![1, 2], vec![]]]]],
            maybe: Some(None),
            none: None,
            unit: Unit,
            newtype: Newtype(7),
            empty: Empty {},
            nothing: Vec::new(),
            chars: ('a', '\\', '📺'),
            unit_value: (),
        };
        let by_ron =
            ron::ser::to_string_pretty(&value, crate::store::format::pretty_config()).expect("ron");
        assert_eq!(to_string(&value, "", 0).expect("fast"), by_ron);
    }

    fn text() -> impl Strategy<Value = String> {
        // Quotes, hashes and backslashes decide between plain and raw strings.
        proptest::string::string_regex("[a-zé\"#\\\\\n\t 📺]{0,12}").expect("regex")
    }

    proptest! {
        #[test]
        fn writes_any_text_and_number_as_ron_does(
            notes in text(),
            title in text(),
            tag in text(),
            source in text(),
            value in proptest::num::f64::ANY,
            seasons in proptest::collection::vec(0u32..40, 0..4),
        ) {
            let mut watchlist = generate::watchlist(2, 4);
            let show = Arc::make_mut(&mut watchlist.shows[1]);
            show.notes = notes;
            show.title = title;
            show.tags = vec![tag.as_str().into()];
            show.progress.seen = crate::model::episodes::from_counts(&seasons);
            if let Some(first) = show.progress.seen.first_mut() {
                first.on = vec![jiff::civil::date(2026, 11, 30)];
                first.rating = Some(8);
                first.note.clone_from(&show.notes);
            }
            show.status_history[0].source = Source::Url(source.clone());
            show.scores.push(Score::new(
                ScoreSource::Other(source),
                ScoreKind::Critic,
                value,
                None,
            ));
            same_as_ron(&watchlist);
        }
    }
}
