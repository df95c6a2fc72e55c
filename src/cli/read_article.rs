//! `curtaincall read-article FILE|URL|- [--show SHOW] [--json] [--apply] [--source NAME]
//! [--published DATE]`: reads a news article (its text, an HTML page, or a page fetched from an
//! `https` address, the article taken out of the page) and prints the changes it implies for
//! the watchlist, each with the sentence it came from; with `--apply`, makes them as one
//! change (the file before is kept as a backup).

use std::io::Read as _;
use std::path::Path;

use anyhow::{Context as _, anyhow};
use serde::Serialize;

use crate::article::{self, Applying, Reading};
use crate::model::{Source, Watchlist};
use crate::sources::ProviderConfig;
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

/// The article read from its source.
struct Text {
    text: String,
    /// The site's name or the address, as the page gives it.
    source: Option<String>,
    published: Option<jiff::civil::Date>,
}

/// The article's text: an `https` address (fetched through the catalogs' HTTP client, with its
/// limits), a file, or standard input for `-`; from an HTML page, the article taken out of it.
/// Refused: binary data, a page with no article.
fn text_of(input: &Path, providers: &ProviderConfig) -> anyhow::Result<Text> {
    let shown = input.display().to_string();
    let address = shown.starts_with("https://") || shown.starts_with("http://");
    let bytes = if address {
        let http = crate::sources::HttpClient::new(providers.http.clone());
        http.get(&shown, &[("Accept", "text/html,text/plain")])
            .map_err(|e| anyhow!("{shown}: {e}"))?
            .to_vec()
    } else {
        let mut bytes = Vec::new();
        let limit = article::page::MAX_HTML as u64 + 1;
        if input == Path::new("-") {
            std::io::stdin()
                .take(limit)
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
        } else {
            std::fs::File::open(input)
                .and_then(|f| f.take(limit).read_to_end(&mut bytes))
                .with_context(|| format!("cannot read {shown}"))?;
        }
        bytes
    };
    let text =
        String::from_utf8(bytes).map_err(|_| anyhow!("{shown} is not text (it is not UTF-8)"))?;
    if text.contains('\0') {
        return Err(anyhow!("{shown} is not text"));
    }
    if article::page::is_html(&text) {
        let page = article::page::article_of(&text, address.then_some(shown.as_str()))
            .map_err(|e| anyhow!("{shown}: {e}"))?;
        return Ok(Text {
            text: page.text,
            source: page.site.or(address.then_some(shown)),
            published: page.published,
        });
    }
    Ok(Text {
        text,
        source: address.then_some(shown),
        published: None,
    })
}

#[derive(Serialize)]
struct ReadingJson<'a> {
    #[serde(flatten)]
    reading: &'a Reading,
    applied: bool,
}

/// Runs the command.
pub fn run(data: &DataFile, asked: &Asked<'_>, providers: &ProviderConfig) -> anyhow::Result<()> {
    let read = text_of(asked.input, providers)?;
    let published = asked.published.or(read.published);
    let text = read.text;
    let unchanged = || format!("{} was not changed", data.path.display());
    let (watchlist, _) = super::load_or_sample(&data.path).with_context(unchanged)?;
    let mut reading = article::read(&text, &watchlist, published);
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
                    .or(read.source)
                    .unwrap_or_else(|| format!("an article ({})", asked.input.display())),
            ),
            published,
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
