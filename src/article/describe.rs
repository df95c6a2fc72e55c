//! A fact in words for the review and the command line, with what it replaces on the show
//! ("Returning » Canceled", "Rotten Tomatoes critic 85% » 91%").

use super::What;
use crate::model::Show;

/// The fact in words; `show` is the watchlist's show it would change, if any.
pub fn describe(what: &What, show: Option<&Show>) -> String {
    match what {
        What::Outcome {
            status,
            on,
            final_season,
        } => {
            let mut said = match show {
                Some(show) if show.status != *status => {
                    format!("Status: {} » {}", show.status.label(), status.label())
                }
                Some(_) => format!("Status: {} (already)", status.label()),
                None => format!("Status: {}", status.label()),
            };
            if *final_season {
                said.push_str(" (final season announced)");
            }
            if let Some(on) = on {
                said.push_str(&format!(", on {on}"));
            }
            said
        }
        What::Network { name } => match show.and_then(|s| s.network.as_ref()) {
            Some(had) if had.as_str() != name => format!("Network: {had} » {name}"),
            Some(_) => format!("Network: {name} (already)"),
            None => format!("Network: {name}"),
        },
        What::Score {
            source,
            score_kind,
            value,
            out_of,
        } => {
            let shown = |value: f64| {
                if *out_of == 100.0 {
                    format!("{value}%")
                } else {
                    format!("{value}/{out_of}")
                }
            };
            let name = format!("{} {}", source.label(), score_kind.word());
            let had = show.and_then(|s| {
                s.scores
                    .iter()
                    .find(|c| c.source == *source && c.kind == *score_kind)
            });
            match had {
                Some(had) if had.value != *value => {
                    format!("{name}: {} » {}", shown(had.value), shown(*value))
                }
                _ => format!("{name}: {}", shown(*value)),
            }
        }
        What::Creators { names } => {
            let known =
                |name: &String| show.is_some_and(|s| s.creators.iter().any(|c| c.as_str() == name));
            let already = if names.iter().all(known) {
                " (already)"
            } else {
                ""
            };
            format!("Created by {}{already}", names.join(", "))
        }
        What::Studio { name } => {
            let already = show.is_some_and(|s| s.studios.iter().any(|c| c.as_str() == name));
            format!("Studio: {name}{}", if already { " (already)" } else { "" })
        }
        What::Seasons { count } => crate::model::counted(i64::from(*count), "season"),
        What::Cast { actor, character } => match character {
            Some(character) => format!("Cast: {actor} as {character}"),
            None => format!("Cast: {actor}"),
        },
        What::Storyline { characters, .. } if characters.is_empty() => {
            "Storyline left open".to_owned()
        }
        What::Storyline { characters, .. } => {
            format!("Storyline left open: {}", characters.join(", "))
        }
    }
}
