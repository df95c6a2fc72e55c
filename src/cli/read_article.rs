//! `curtaincall read-article FILE|URL|- [--show SHOW] [--json] [--apply] [--source NAME]
//! [--published DATE]`: reads a news article (its text, an HTML page, or a page fetched from an
//! `https` address, the article taken out of the page) and prints the changes it implies for
//! the watchlist, each with the sentence it came from; with `--apply`, makes them as one
//! change (the file before is kept as a backup).

use std::io::Read as _;
use std::path::Path;

use anyhow::{Context as _, anyhow};

use crate::article::{self, Applying};
use crate::instance::{ArticleRequest, Request};
use crate::model::Source;
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

/// How long the running app has to read and apply an article it took in hand.
const APP_ARTICLE_WITHIN: std::time::Duration = std::time::Duration::from_secs(120);

/// Runs the command.
pub fn run(data: &DataFile, asked: &Asked<'_>, providers: &ProviderConfig) -> anyhow::Result<()> {
    let read = text_of(asked.input, providers)?;
    let published = asked.published.or(read.published);
    let source = asked
        .source
        .clone()
        .or(read.source)
        .unwrap_or_else(|| format!("an article ({})", asked.input.display()));
    let text = read.text;
    if asked.apply {
        let request = Request::ReadArticle(ArticleRequest {
            source: source.clone(),
            published,
            show: asked.show.map(str::to_owned),
            json: asked.json,
        });
        if let Some(printed) =
            super::through_the_app(data, &request, text.as_bytes(), Some(APP_ARTICLE_WITHIN))?
        {
            return super::print_out(&printed);
        }
    }
    let unchanged = || format!("{} was not changed", data.path.display());
    let (watchlist, _) = super::load_or_sample(&data.path).with_context(unchanged)?;
    let mut reading = article::read(&text, &watchlist, published);
    if let Some(name) = asked.show {
        article::only_show(&mut reading, &watchlist, name).map_err(|e| anyhow!(e))?;
    }
    let applied = asked.apply && reading.shows.iter().any(|s| !s.facts.is_empty());
    if applied {
        let applying = Applying {
            source: Source::Url(source),
            published,
            today: crate::model::today(),
        };
        let all: Vec<Vec<bool>> = reading
            .shows
            .iter()
            .map(|show| vec![true; show.facts.len()])
            .collect();
        super::edit_file_with(data, |watchlist| {
            Ok(article::actions_for_reading(
                &reading, &all, watchlist, &applying,
            ))
        })?;
    }
    super::print_out(&article::report(
        &reading, &watchlist, applied, asked.json, &data.path,
    ))
}
