//! Reading a news article in the app: the text read into facts on a job, the facts reviewed
//! (a checkbox each, all kept at first), then the kept ones applied as one undoable step.
//! Nothing changes before the user says Apply.

use crate::article::Reading;
use crate::tasks::Task;

/// Where reading an article stands.
#[derive(Debug, Default)]
pub enum ReadingArticle {
    #[default]
    Idle,
    /// The window is open for the text to be pasted or typed.
    Writing,
    /// The text is being read.
    Reading(Task),
    /// What the article says, for the user to review.
    Review(Box<ArticleReview>),
}

/// The facts under review and which are kept.
#[derive(Debug)]
pub struct ArticleReview {
    pub reading: Reading,
    /// Per show, per fact: true to apply it.
    pub chosen: Vec<Vec<bool>>,
    /// Where it came from, as the user named it (a publication or URL), for the status history.
    pub source: String,
}

impl ArticleReview {
    /// Every fact kept at first.
    pub fn new(reading: Reading, source: String) -> Self {
        let chosen = reading
            .shows
            .iter()
            .map(|s| vec![true; s.facts.len()])
            .collect();
        ArticleReview {
            reading,
            chosen,
            source,
        }
    }

    /// How many facts are kept.
    pub fn chosen_count(&self) -> usize {
        self.chosen.iter().flatten().filter(|c| **c).count()
    }
}
