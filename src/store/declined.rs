//! Why the fast reader or writer left a text or value to `ron`.

use serde::{de, ser};

/// The fast path declined; the caller uses `ron`, which handles all of RON and words any error
/// itself. The message is only for tests and debugging.
#[derive(Debug)]
pub struct Declined(String);

impl std::fmt::Display for Declined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "declined: {}", self.0)
    }
}

impl std::error::Error for Declined {}

impl de::Error for Declined {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        Declined(message.to_string())
    }
}

impl ser::Error for Declined {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        Declined(message.to_string())
    }
}

/// Declines with `why`.
pub fn decline<T>(why: &str) -> Result<T, Declined> {
    Err(Declined(why.to_owned()))
}
