//! The article in a web page: its main text, taken out by dom_smoothie (a port of Mozilla's
//! Readability, which Firefox's Reader View uses) without menus, scripts, comments or ads;
//! with its title (read as the article's first line, where titles are found) and its
//! publication day when the page says.

use jiff::civil::Date;

/// The most HTML read: a news page is a few hundred kilobytes.
pub const MAX_HTML: usize = 4 * 1024 * 1024;

/// The most elements parsed: more is not an article page.
const MAX_ELEMENTS: usize = 60_000;

/// An article taken out of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The title, then the text, one paragraph a line.
    pub text: String,
    /// The site's name, when the page gives it.
    pub site: Option<String>,
    pub published: Option<Date>,
}

/// Why a page gave no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error("the page is larger than {} MB", MAX_HTML / 1024 / 1024)]
    TooLarge,
    #[error("no article could be found in the page ({0})")]
    NoArticle(String),
}

/// The article in `html` (from `url`, when known, for its links).
pub fn article_of(html: &str, url: Option<&str>) -> Result<Page, PageError> {
    if html.len() > MAX_HTML {
        return Err(PageError::TooLarge);
    }
    // Deep nesting costs the parser and the readability pass stack and time; an article page
    // is a few dozen levels deep.
    if nesting(html) > 400 {
        return Err(PageError::NoArticle(
            "it is nested thousands of levels deep".into(),
        ));
    }
    let config = dom_smoothie::Config {
        max_elements_to_parse: MAX_ELEMENTS,
        text_mode: dom_smoothie::TextMode::Formatted,
        ..dom_smoothie::Config::default()
    };
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut reader = dom_smoothie::Readability::new(html, url, Some(config))
        .map_err(|e| PageError::NoArticle(e.to_string()))?;
    let article = reader
        .parse()
        .map_err(|e| PageError::NoArticle(e.to_string()))?;
    let body = article.text_content.to_string();
    if body.trim().is_empty() {
        return Err(PageError::NoArticle("it holds no text".into()));
    }
    let title = article.title.trim();
    let text = if title.is_empty() || body.contains(title) {
        body
    } else {
        format!("{title}\n\n{body}")
    };
    Ok(Page {
        text,
        site: article.site_name.filter(|s| !s.trim().is_empty()),
        published: article
            .published_time
            .as_deref()
            .and_then(|t| t.get(..10))
            .and_then(|d| d.parse().ok()),
    })
}

/// True when `text` looks like an HTML page rather than an article's text.
pub fn is_html(text: &str) -> bool {
    let start: String = text
        .trim_start()
        .chars()
        .take(256)
        .collect::<String>()
        .to_ascii_lowercase();
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.starts_with("<head")
        || (start.starts_with('<')
            && (start.contains("<body") || start.contains("<p>") || start.contains("<div")))
}

/// The deepest the tags open, roughly: opening tags counted up, closing ones down.
fn nesting(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let bytes = html.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b != b'<' {
            continue;
        }
        match bytes.get(i + 1) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_is_taken_out_of_its_page() {
        let html = r#"<!DOCTYPE html><html><head><title>Prime Video Cancels 'Étoile'</title>
            <meta property="og:site_name" content="Test Weekly">
            <meta property="article:published_time" content="2026-03-04T10:00:00Z">
            <script>track();</script></head><body>
            <nav><a href="/">Home</a> <a href="/tv">TV</a> Subscribe now!</nav>
            <article><h1>Prime Video Cancels 'Étoile'</h1>
            <p>Prime Video has canceled Étoile, the ballet dramedy created by Amy
            Sherman-Palladino and Daniel Palladino, after one season. The series holds an 85%
            critics score on Rotten Tomatoes, but its audience never grew large enough.</p>
            <p>Luke Kirby played Jack, and the finale left a cliffhanger between Jack and
            Cheyenne unresolved. Fans had hoped for more, and the cast thanked them online.</p>
            </article><footer>© Test Weekly. Cookie settings.</footer></body></html>"#;
        let page = article_of(html, Some("https://example.org/etoile")).expect("an article");
        assert!(
            page.text.contains("Prime Video has canceled Étoile"),
            "{}",
            page.text
        );
        assert!(!page.text.contains("track()"), "no scripts");
        assert!(
            !page.text.contains("Cookie settings"),
            "no footer: {}",
            page.text
        );
        assert_eq!(page.site.as_deref(), Some("Test Weekly"));
        assert_eq!(page.published, "2026-03-04".parse().ok());
        assert!(is_html(html));
        assert!(!is_html("Prime Video has canceled Étoile."));
    }

    #[test]
    fn hostile_pages_are_refused_within_bounds() {
        let deep = "<div>".repeat(100_000) + "text" + &"</div>".repeat(100_000);
        assert!(matches!(
            article_of(&deep, None),
            Err(PageError::NoArticle(_))
        ));
        let huge = "<p>".to_owned() + &"x".repeat(MAX_HTML) + "</p>";
        assert_eq!(article_of(&huge, None), Err(PageError::TooLarge));
        let one_line =
            "<html><body><p>".to_owned() + &"word ".repeat(200_000) + "</p></body></html>";
        // Read or refused, but in bounded time and without a crash.
        let _ = article_of(&one_line, None);
        let scripts = "<html><body>".to_owned()
            + &"<script>while(true){}</script>".repeat(5_000)
            + "</body></html>";
        assert!(
            article_of(&scripts, None).is_err(),
            "scripts are no article"
        );
    }
}
