//! "Previously on": a recap of a show before its next season, built from the user's own words —
//! the storylines still open (or left unresolved, which a revival may answer) with their text
//! and where they were left, the characters involved with the actors who play them, the last
//! episode watched, and the show's notes.

use super::guide::Guide;
use super::{EpisodeRef, Show, StorylineState};

/// One storyline in the recap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecapStoryline {
    pub title: String,
    pub text: String,
    pub left_at: Option<EpisodeRef>,
    /// "Jack (Luke Kirby)", or the character alone when no cast member plays them.
    pub characters: Vec<String>,
    /// Left unresolved (a revival reopened or may answer it) rather than still open.
    pub unresolved: bool,
}

/// The recap of one show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recap {
    pub title: String,
    pub storylines: Vec<RecapStoryline>,
    /// The furthest episode watched, with its title when the guide has it.
    pub last_watched: Option<(EpisodeRef, Option<String>)>,
    pub notes: String,
    /// The show hides storyline text until clicked (its spoiler shield).
    pub shielded: bool,
}

impl Recap {
    /// The recap of `show`, with episode titles from `guide` when there is one.
    pub fn of(show: &Show, guide: Option<&Guide>) -> Self {
        let storylines = show
            .storylines
            .iter()
            .filter(|s| s.state != StorylineState::Resolved)
            .map(|s| RecapStoryline {
                title: s.title.to_string(),
                text: s.text.clone(),
                left_at: s.left_at,
                characters: s
                    .characters
                    .iter()
                    .map(|character| {
                        let actor = show.cast.iter().find(|m| {
                            m.character
                                .as_ref()
                                .is_some_and(|c| super::ids::fold(c) == super::ids::fold(character))
                        });
                        match actor {
                            Some(member) => format!("{character} ({})", member.actor),
                            None => character.to_string(),
                        }
                    })
                    .collect(),
                unresolved: s.state == StorylineState::Unresolved,
            })
            .collect();
        let last_watched = show.progress.furthest().map(|episode| {
            let title = guide
                .and_then(|g| g.get(episode))
                .map(|e| e.title.clone())
                .filter(|t| !t.is_empty());
            (episode, title)
        });
        Recap {
            title: show.title.clone(),
            storylines,
            last_watched,
            notes: show.notes.trim().to_owned(),
            shielded: show.spoiler_shield,
        }
    }

    /// The recap as plain text (the command line's `recap`); `reveal` prints storyline text a
    /// spoiler shield would hide.
    pub fn to_text(&self, reveal: bool) -> String {
        let mut out = format!("Previously on {}\n", self.title);
        if let Some((episode, title)) = &self.last_watched {
            out.push_str(&format!("You last watched {episode}"));
            if let Some(title) = title {
                out.push_str(&format!(" · {title}"));
            }
            out.push('\n');
        }
        if self.storylines.is_empty() {
            out.push_str("No open storylines.\n");
        }
        for storyline in &self.storylines {
            out.push_str(&format!("\n• {}", storyline.title));
            if let Some(at) = storyline.left_at {
                out.push_str(&format!(" — left at {at}"));
            }
            if storyline.unresolved {
                out.push_str(" (left unresolved)");
            }
            out.push('\n');
            if !storyline.characters.is_empty() {
                out.push_str(&format!("  with {}\n", storyline.characters.join(", ")));
            }
            if !storyline.text.is_empty() {
                if self.shielded && !reveal {
                    out.push_str("  (text hidden by the spoiler shield; --reveal prints it)\n");
                } else {
                    for line in storyline.text.lines() {
                        out.push_str(&format!("  {line}\n"));
                    }
                }
            }
        }
        if !self.notes.is_empty() {
            out.push_str(&format!("\nYour notes:\n{}\n", self.notes));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_samples_etoile_recap_names_the_open_question_its_characters_and_actors() {
        let watchlist = crate::model::sample().expect("sample");
        let etoile = watchlist.get("etoile").expect("Étoile");
        let recap = Recap::of(etoile, None);
        let text = recap.to_text(false);
        assert!(text.starts_with("Previously on Étoile\n"), "{text}");
        assert!(
            text.contains("• Jack and Cheyenne — left at S1E8 (left unresolved)"),
            "{text}"
        );
        assert!(
            text.contains("with Jack (Luke Kirby), Cheyenne (Lou de Laâge)"),
            "{text}"
        );
        assert!(text.contains("cliffhanger"), "{text}");
    }

    #[test]
    fn a_shielded_shows_text_stays_hidden_unless_revealed() {
        let watchlist = crate::model::sample().expect("sample");
        let mut etoile = watchlist.get("etoile").expect("Étoile").clone();
        etoile.spoiler_shield = true;
        let recap = Recap::of(&etoile, None);
        assert!(!recap.to_text(false).contains("cliffhanger"));
        assert!(recap.to_text(true).contains("cliffhanger"));
    }
}
