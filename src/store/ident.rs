//! RON's plain identifiers (field names, variants) as the fast reader and writer both take
//! them: ASCII letters, digits and `_`, not starting with a digit.

/// Whether `b` may start a plain identifier.
pub fn is_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

/// Whether `b` may continue a plain identifier. Looked up rather than worked out: a 10,000-show
/// file holds some 1.5 million identifiers, and three comparisons per byte cost ~9% of a load
/// (`perf record` of `cargo bench --bench watchlist -- load_ron`).
pub fn is_byte(b: u8) -> bool {
    BYTES[usize::from(b)]
}

const BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || byte == b'_';
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    #[test]
    fn the_table_takes_exactly_letters_digits_and_underscore() {
        for b in 0..=u8::MAX {
            assert_eq!(
                super::is_byte(b),
                b.is_ascii_alphanumeric() || b == b'_',
                "{b}"
            );
            assert_eq!(
                super::is_start(b),
                b.is_ascii_alphabetic() || b == b'_',
                "{b}"
            );
        }
    }
}
