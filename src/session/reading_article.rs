//! Reading a news article in the app: the text read into facts on a job, the facts reviewed
//! (a checkbox each, all kept at first), then the kept ones applied as one undoable step.
//! Nothing changes before the user says Apply.

use crate::tasks::Task;

use super::article_review::ArticleReview;
use super::{Event, Message, Refusal, Session};

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
    /// The article could not be read (a page with no article, an address that did not
    /// answer); why. Nothing changed.
    Failed(String),
}

/// What the user gave to read.
#[derive(Debug, Clone, PartialEq)]
pub enum ArticleInput {
    /// Text pasted or typed (or an address: a single `https` URL), and where it was published.
    Text { text: String, source: String },
    /// A `.txt` or `.html` file dropped on the window.
    File(std::path::PathBuf),
}

/// The article's text, where it came from and its day: an address fetched through the
/// catalogs' HTTP client (its limits, `https` only), a file read (capped), and from an HTML
/// page the article taken out of it.
pub fn prepare(
    input: ArticleInput,
    http: &crate::sources::HttpClient,
    cancel: &crate::tasks::Cancel,
) -> Result<(String, String, Option<jiff::civil::Date>), String> {
    use crate::article::page;
    let (body, given, address) = match input {
        ArticleInput::File(path) => {
            use std::io::Read as _;
            let mut bytes = Vec::new();
            std::fs::File::open(&path)
                .and_then(|f| f.take(page::MAX_HTML as u64 + 1).read_to_end(&mut bytes))
                .map_err(|e| format!("Could not read {}: {e}", path.display()))?;
            let text =
                String::from_utf8(bytes).map_err(|_| format!("{} is not text", path.display()))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (text, name, None)
        }
        ArticleInput::Text { text, source } => {
            let trimmed = text.trim();
            let address = !trimmed.contains(char::is_whitespace)
                && (trimmed.starts_with("https://") || trimmed.starts_with("http://"));
            if address {
                let body = http
                    .get_unless(trimmed, &[("Accept", "text/html,text/plain")], cancel)
                    .map_err(|e| format!("Could not fetch the article: {e}"))?;
                let body = String::from_utf8_lossy(&body).into_owned();
                (body, source, Some(trimmed.to_owned()))
            } else {
                (text, source, None)
            }
        }
    };
    if body.contains('\0') {
        return Err("That is not text.".to_owned());
    }
    if page::is_html(&body) {
        let found = page::article_of(&body, address.as_deref()).map_err(|e| format!("{e}."))?;
        let source = [Some(given), found.site, address]
            .into_iter()
            .flatten()
            .find(|s| !s.trim().is_empty())
            .unwrap_or_default();
        return Ok((found.text, source, found.published));
    }
    let source = if given.trim().is_empty() {
        address.unwrap_or_default()
    } else {
        given
    };
    Ok((body, source, None))
}

impl Session {
    /// Where reading an article stands.
    pub fn article(&self) -> &ReadingArticle {
        &self.article
    }

    /// Reads `text` into facts on a job (a long article takes a few milliseconds; the UI thread
    /// does not wait for it).
    pub(super) fn read_article(&mut self, input: ArticleInput) {
        let Some(file) = self.open_file() else {
            return;
        };
        // The shows are shared: the job's copy is a list of pointers.
        let watchlist = file.watchlist().clone();
        let today = self.env.clock.today();
        let http = self.catalog.http();
        let index = self.article_index.clone();
        let task = self.env.tasks.spawn("article", move |cancel| {
            let read = prepare(input, &http, cancel).map(|(text, source, published)| {
                let index = index.get(&watchlist);
                let reading = crate::article::read_with(
                    &text,
                    &watchlist,
                    &index,
                    Some(published.unwrap_or(today)),
                );
                ArticleReview::new(reading, source, index)
            });
            Event::ArticleRead(Box::new(read))
        });
        self.article = ReadingArticle::Reading(task);
    }

    /// Applies the facts kept in the review, as one step.
    pub(super) fn apply_article(&mut self) {
        let ReadingArticle::Review(review) = std::mem::take(&mut self.article) else {
            return;
        };
        let today = self.env.clock.today();
        let source = review.source.trim();
        let applying = crate::article::Applying {
            source: crate::model::Source::Url(if source.is_empty() {
                "an article".to_owned()
            } else {
                source.to_owned()
            }),
            published: None,
            today,
        };
        let Some(file) = self.open_file_mut() else {
            return;
        };
        let actions = crate::article::actions_for_reading(
            &review.reading,
            &review.chosen,
            file.watchlist(),
            &applying,
        );
        let label = format!(
            "apply {} from an article",
            crate::model::counted(review.chosen_count() as i64, "change")
        );
        self.message = Some(match file.apply_as_one(actions, label.clone()) {
            Ok(applied) if applied.changed == 0 => {
                Message::Info("The watchlist already says everything kept".to_owned())
            }
            Ok(_) => Message::Did(crate::session::capitalize(&label)),
            Err(Refusal::ReadOnly) => Message::ReadOnly,
            Err(Refusal::Action(error)) => Message::Refused(error.to_string()),
        });
    }
}
