//! `curtaincall read-article FILE|- [--show SHOW] [--json] [--apply] [--source NAME]
//! [--published DATE]`: reads a news article (plain text) and prints the changes it implies
//! for the watchlist, each with the sentence it came from; with `--apply`, makes them as one
//! change (the file before is kept as a backup).

use std::io::Read as _;
use std::path::Path;

use anyhow::{Context as _, anyhow};
use serde::Serialize;

use crate::article::{self, Applying, Reading};
use crate::model::{Source, Watchlist};
use crate::store::DataFile;

/// What the command was asked.
pub struct Asked<'a> {
    pub input: &'a Path,
    pub show: Option<&'a str>,
    pub json: bool,
    pub apply: bool,
    pub source: Option<String>,
    pub published: Option<jiff::civil::Date>,
}

/// The article's text: a file, or standard input for `-`. Refused: binary data, HTML (read
/// the page's text instead), and more than [`article::MAX_TEXT`] is cut.
fn text_of(input: &Path) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    let limit = article::MAX_TEXT as u64 * 4;
    if input == Path::new("-") {
        std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        std::fs::File::open(input)
            .and_then(|f| f.take(limit).read_to_end(&mut bytes))
            .with_context(|| format!("cannot read {}", input.display()))?;
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow!("{} is not text (it is not UTF-8)", input.display()))?;
    if text.contains('\0') {
        return Err(anyhow!("{} is not text", input.display()));
    }
    let start = text.trim_start().get(..256).unwrap_or(text.trim_start());
    let lowered = start.to_ascii_lowercase();
    if lowered.starts_with("<!doctype html") || lowered.starts_with("<html") {
        return Err(anyhow!(
            "{} is a web page: copy the article's text into a .txt file (or paste it with -)",
            input.display()
        ));
    }
    Ok(text)
}

#[derive(Serialize)]
struct ReadingJson<'a> {
    #[serde(flatten)]
    reading: &'a Reading,
    applied: bool,
}

/// Runs the command.
pub fn run(data: &DataFile, asked: &Asked<'_>) -> anyhow::Result<()> {
    let text = text_of(asked.input)?;
    let unchanged = || format!("{} was not changed", data.path.display());
    let (watchlist, _) = super::load_or_sample(&data.path).with_context(unchanged)?;
    let mut reading = article::read(&text, &watchlist, asked.published);
    if let Some(name) = asked.show {
        let wanted = watchlist.find(name).map_err(|e| anyhow!("{e}"))?.id.clone();
        reading
            .shows
            .retain(|s| s.id.as_deref() == Some(wanted.as_str()));
    }
    let applied = asked.apply && reading.shows.iter().any(|s| !s.facts.is_empty());
    if applied {
        let applying = Applying {
            source: Source::Url(
                asked
                    .source
                    .clone()
                    .unwrap_or_else(|| format!("an article ({})", asked.input.display())),
            ),
            published: asked.published,
            today: crate::model::today(),
        };
        let shows = reading.shows.clone();
        super::edit_file_with(data, |watchlist| {
            Ok(shows
                .iter()
                .flat_map(|show| {
                    let all = vec![true; show.facts.len()];
                    article::actions_for(show, &all, watchlist, &applying)
                })
                .collect())
        })?;
    }
    super::print_out(&if asked.json {
        format!(
            "{}\n",
            serde_json::to_string_pretty(&ReadingJson {
                reading: &reading,
                applied
            })?
        )
    } else {
        summary(&reading, &watchlist, applied, &data.path)
    })
}

/// The changes in words, show by show, each with its sentence.
fn summary(reading: &Reading, watchlist: &Watchlist, applied: bool, data: &Path) -> String {
    if reading.shows.is_empty() {
        return "The article says nothing this reader can take about a show.\n".to_owned();
    }
    let mut out = String::new();
    for show in &reading.shows {
        let on = show.id.as_deref().and_then(|id| watchlist.get(id));
        out.push_str(&format!(
            "{} — {}\n",
            show.title,
            if on.is_some() {
                "on your watchlist"
            } else {
                "not on your watchlist (added as a new show)"
            }
        ));
        for fact in &show.facts {
            out.push_str(&format!(
                "  {}\n      “{}”\n",
                article::describe(&fact.what, on),
                fact.sentence
            ));
        }
    }
    if reading.cut {
        out.push_str("(Only the beginning of a very long text was read.)\n");
    }
    out.push_str(&if applied {
        format!(
            "Applied to {} (the file before is kept as a backup).\n",
            data.display()
        )
    } else {
        "Nothing was changed: run again with --apply to make these changes.\n".to_owned()
    });
    out
}
