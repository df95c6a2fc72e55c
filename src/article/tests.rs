//! The reader on short texts: the seed's kind of article, negations and rumours, matching a
//! new title to a watchlist show, days, hostile input.

use super::*;

fn sample() -> Watchlist {
    crate::model::sample().expect("sample")
}

#[test]
fn the_seed_kind_of_article_proposes_the_cancellation_score_creators_cast_and_storyline() {
    let text = "Fans of Étoile will not get a second season: Prime Video has canceled the \
        ballet dramedy from Amy Sherman-Palladino and Daniel Palladino after one season. \
        The show holds an 85% critics score on Rotten Tomatoes. Its cancellation leaves a \
        cliffhanger romance between Kirby's Jack and Lou de Laâge's Cheyenne unresolved. \
        The cast included Luke Kirby and Charlotte Gainsbourg.";
    let reading = read(text, &sample(), None);
    let etoile = &reading.shows[0];
    assert_eq!(etoile.id.as_deref(), Some("etoile"));
    assert_eq!(etoile.outcome(), Some(Status::Canceled));
    let has = |pred: &dyn Fn(&What) -> bool| etoile.facts.iter().any(|f| pred(&f.what));
    assert!(has(
        &|w| matches!(w, What::Score { value, .. } if *value == 85.0)
    ));
    assert!(has(
        &|w| matches!(w, What::Creators { names } if names.len() == 2)
    ));
    assert!(has(
        &|w| matches!(w, What::Cast { actor, character: Some(c) } if actor == "Luke Kirby" && c == "Jack")
    ));
    assert!(has(
        &|w| matches!(w, What::Cast { actor, character: Some(c) } if actor == "Lou de Laâge" && c == "Cheyenne")
    ));
    assert!(has(
        &|w| matches!(w, What::Storyline { characters, .. } if characters == &["Jack", "Cheyenne"])
    ));
}

#[test]
fn negations_rumours_and_other_shows_give_no_outcome() {
    for text in [
        "Étoile is not being canceled, Prime Video said.",
        "Prime Video denied reports that Étoile had been canceled.",
        "Étoile could face cancellation if its numbers do not improve.",
        "Fans fear Étoile may be axed.",
        "Rumours that Étoile was cancelled are false.",
    ] {
        let reading = read(text, &sample(), None);
        assert!(
            reading.shows.iter().all(|s| s.outcome().is_none()),
            "{text}: {reading:?}"
        );
    }
    let text = "Slow Horses has been renewed for a fifth season, despite rumours of its \
        cancellation. Unlike Bunheads, which was canceled after one season, it thrives.";
    let reading = read(text, &sample(), None);
    let outcome = |title: &str| {
        reading
            .shows
            .iter()
            .find(|s| s.title == title)
            .and_then(ShowReading::outcome)
    };
    assert_eq!(outcome("Slow Horses"), Some(Status::Returning));
    assert_eq!(outcome("Bunheads"), Some(Status::Canceled));
}

#[test]
fn a_new_show_matched_to_a_watchlist_show_changes_that_show_and_can_be_taken_back() {
    use crate::model::Action;
    let list = sample();
    let text = "Prime Video has renewed the comedy \"Mrs. Maisel\" for a sixth season. \
        \"Mrs. Maisel\" holds an 89% critics score on Rotten Tomatoes.";
    let mut reading = read(text, &list, None);
    let at = reading
        .shows
        .iter()
        .position(|s| s.id.is_none())
        .expect("the title the article uses is not the watchlist's");
    let maisel = list
        .find("The Marvelous Mrs. Maisel")
        .expect("sample")
        .id
        .clone();
    let index = Index::new(&list);
    assert_eq!(
        index
            .alike(&reading.shows[at].title, 1)
            .first()
            .map(|m| m.0),
        Some(maisel.as_str()),
        "the watchlist's title is offered first"
    );
    let applying = Applying {
        source: crate::model::Source::Url("Test Weekly".to_owned()),
        published: None,
        today: jiff::civil::date(2026, 11, 30),
    };
    let all: Vec<Vec<bool>> = reading
        .shows
        .iter()
        .map(|s| vec![true; s.facts.len()])
        .collect();
    reading.match_show(at, Some(maisel.clone()));
    assert!(reading.shows[at].matched);
    let actions = actions_for_reading(&reading, &all, &list, &applying);
    assert!(
        actions.iter().any(|a| matches!(
            a,
            Action::SetStatus { id, status: Status::Returning, .. } if *id == maisel
        )),
        "{actions:?}"
    );
    assert!(!actions.iter().any(|a| matches!(a, Action::AddShow(_))));
    // Taken back: a new show again.
    reading.match_show(at, None);
    assert!(!reading.shows[at].matched);
    let actions = actions_for_reading(&reading, &all, &list, &applying);
    assert!(matches!(actions.as_slice(), [Action::AddShow(show)] if show.title == "Mrs. Maisel"));
    // A show on the watchlist by its own title is not re-pointed.
    let mut on_list = read("Slow Horses has been renewed.", &list, None);
    on_list.match_show(0, Some(maisel.clone()));
    assert_ne!(on_list.shows[0].id, Some(maisel.clone()));
    // The command line's --show takes the article's one new show as the show named.
    let mut reading = read(text, &list, None);
    only_show(&mut reading, &list, "The Marvelous Mrs. Maisel").expect("on the watchlist");
    assert_eq!(reading.shows.len(), 1);
    assert_eq!(reading.shows[0].id.as_deref(), Some(maisel.as_str()));
    assert!(reading.shows[0].matched);
}

#[test]
fn two_readings_of_one_show_become_one_shows_edits() {
    use crate::model::{Action, ShowEdit};
    let list = sample();
    // The article names the watchlist's title and, later, its own for the same show, with a
    // creator under each: both are added, neither edit undoing the other.
    let text = "Slow Horses has been renewed, and it was created by Ada Quill. The spy \
        drama \"Slough House\" has a second showrunner, Bo Chen. \"Slough House\" has \
        showrunner Bo Chen.";
    let mut reading = read(text, &list, None);
    let at = reading
        .shows
        .iter()
        .position(|s| s.id.is_none())
        .expect("a new title");
    let slow_horses = list.find("Slow Horses").expect("sample").id.clone();
    reading.match_show(at, Some(slow_horses.clone()));
    let all: Vec<Vec<bool>> = reading
        .shows
        .iter()
        .map(|s| vec![true; s.facts.len()])
        .collect();
    let applying = Applying {
        source: crate::model::Source::Url("Test Weekly".to_owned()),
        published: None,
        today: jiff::civil::date(2026, 11, 30),
    };
    let actions = actions_for_reading(&reading, &all, &list, &applying);
    let creators: Vec<Vec<String>> = actions
        .iter()
        .filter_map(|a| match a {
            Action::Edit {
                id,
                edit: ShowEdit::Creators(names),
            } if *id == slow_horses => Some(names.iter().map(|n| n.to_string()).collect()),
            _ => None,
        })
        .collect();
    assert_eq!(creators.len(), 1, "{actions:?}");
    assert!(
        ["Ada Quill", "Bo Chen"]
            .iter()
            .all(|name| creators[0].iter().any(|c| c == name)),
        "{creators:?}"
    );
    assert!(!actions.iter().any(|a| matches!(a, Action::AddShow(_))));
}

#[test]
fn days_are_read_as_articles_write_them() {
    use jiff::civil::date;
    let friday = Some(date(2026, 3, 6));
    assert_eq!(
        facts::date_in("Paramount+ canceled it on Tuesday.", friday),
        Some(date(2026, 3, 3))
    );
    assert_eq!(
        facts::date_in("It was canceled on Friday.", friday),
        Some(date(2026, 3, 6)),
        "the day it was published"
    );
    assert_eq!(
        facts::date_in("confirmed on Wednesday, Feb. 11.", friday),
        Some(date(2026, 2, 11))
    );
    assert_eq!(
        facts::date_in("renewed on Sept. 4, 2025", None),
        Some(date(2025, 9, 4))
    );
    assert_eq!(facts::date_in("It aired on Tuesday nights.", friday), None);
    assert_eq!(facts::date_in("canceled on Tuesday", None), None);
    // A season that ended is not the show's end.
    let reading = read(
        "Slow Horses has been renewed for a sixth season. Season 5 wrapped its run last month.",
        &sample(),
        None,
    );
    assert_eq!(reading.shows[0].outcome(), Some(Status::Returning));
}

#[test]
fn hostile_text_is_read_within_bounds() {
    // Ten megabytes on one line: only the first MAX_TEXT bytes are read.
    let huge = "Étoile ".repeat(10 * 1024 * 1024 / 8);
    let reading = read(&huge, &sample(), None);
    assert!(reading.cut);
    // Thousands of quoted capitalised phrases: a bounded number of candidate titles.
    let quotes = (0..5_000)
        .map(|i| format!("\"Show Number {i}\" was canceled. "))
        .collect::<String>();
    let reading = read(&quotes, &sample(), None);
    assert!(reading.shows.len() <= 40, "{}", reading.shows.len());
    // Markup and control characters are just text that says nothing.
    let markup = "<div>".repeat(100_000) + &"\u{0}\u{1}".repeat(1000);
    assert!(read(&markup, &sample(), None).shows.is_empty());
}

#[test]
fn every_pattern_compiles() {
    // The patterns compile at first use; reading one text of every kind uses them all.
    let text = "'Harrow Street' (Netflix). Created by Ana Ruiz. Mara (Ada Quill). \
        Ada Quill's Mara. Lou Reyes, who plays Theo. Starring Ann Lee and Bo Chen. \
        Produced by Fieldstone Studios. It holds 7.4 on IMDb and 68 on Metacritic. \
        The finale left Mara's fate unresolved. Harrow Street will not return for a third \
        season, Netflix said on March 3, 2026.";
    let reading = read(text, &Watchlist::default(), None);
    assert!(!reading.shows.is_empty());
}

#[test]
fn season_counts_are_read_as_articles_write_them() {
    let seasons = |text: &str| {
        read(text, &sample(), None).shows.first().and_then(|s| {
            s.facts.iter().find_map(|f| match f.what {
                What::Seasons { count } => Some(count),
                _ => None,
            })
        })
    };
    assert_eq!(seasons("Slow Horses has aired four seasons."), Some(4));
    assert_eq!(seasons("Slow Horses has two seasons so far."), Some(2));
    assert_eq!(
        seasons("Slow Horses was canceled after two series."),
        Some(2)
    );
    assert_eq!(
        seasons("The sixth series of Slow Horses will be its last."),
        Some(6)
    );
    assert_eq!(
        seasons("Slow Horses is renewed, which carries it through its fifth season."),
        Some(5)
    );
    assert_eq!(seasons("Slow Horses is a series about spies."), None);
}

#[test]
fn studios_are_read_as_articles_write_them() {
    let studio = |text: &str| {
        read(text, &sample(), None).shows.first().and_then(|s| {
            s.facts.iter().find_map(|f| match &f.what {
                What::Studio { name } => Some(name.clone()),
                _ => None,
            })
        })
    };
    for (text, name) in [
        (
            "Slow Horses is made by Greenhithe Productions.",
            "Greenhithe Productions",
        ),
        (
            "Slow Horses came out of Amazon MGM Studios.",
            "Amazon MGM Studios",
        ),
        (
            "Slow Horses looks great, and Hawksmoor Films, which produced the series, spent freely.",
            "Hawksmoor Films",
        ),
        (
            "Slow Horses was produced by Warner Bros. Television.",
            "Warner Bros. Television",
        ),
    ] {
        assert_eq!(studio(text).as_deref(), Some(name), "{text}");
    }
}

#[test]
fn creators_are_read_as_articles_write_them() {
    let creators = |text: &str| {
        read(text, &sample(), None).shows.first().and_then(|s| {
            s.facts.iter().find_map(|f| match &f.what {
                What::Creators { names } => Some(names.clone()),
                _ => None,
            })
        })
    };
    assert_eq!(
        creators("Slow Horses was created by chef-turned-writer Paloma Reyes-Whitfield."),
        Some(vec!["Paloma Reyes-Whitfield".to_owned()])
    );
    assert_eq!(
        creators("Slow Horses is back. Its creator, Judith Ashcombe, said it would be."),
        Some(vec!["Judith Ashcombe".to_owned()])
    );
    assert_eq!(
        creators("Slow Horses was created by and stars Ada Quill."),
        None,
        "a star, not a creator"
    );
    // A word between "created by" and the names is a description of them, "both" included.
    assert_eq!(
        creators("Slow Horses was created by both Ana Ruiz and Bo Chen."),
        Some(vec!["Ana Ruiz".to_owned(), "Bo Chen".to_owned()])
    );
}

#[test]
fn a_cast_listed_after_are_is_read() {
    let reading = read(
        "Slow Horses is back. Rounding out the ensemble are Percy Obuya, Linnea Hale and \
         Marisol Arce, whose roles are secret.",
        &sample(),
        None,
    );
    let actors: Vec<&str> = reading.shows[0]
        .facts
        .iter()
        .filter_map(|f| match &f.what {
            What::Cast { actor, .. } => Some(actor.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(actors, ["Percy Obuya", "Linnea Hale", "Marisol Arce"]);
}

/// The cast a short article about Slow Horses yields, as "actor as character".
fn cast_of(sentence: &str) -> Vec<String> {
    let text = format!("Slow Horses has been renewed. {sentence}");
    read(&text, &sample(), None)
        .shows
        .iter()
        .flat_map(|s| &s.facts)
        .filter_map(|f| match &f.what {
            What::Cast {
                actor,
                character: Some(c),
            } => Some(format!("{actor} as {c}")),
            _ => None,
        })
        .collect()
}

#[test]
fn who_plays_whom_is_read_in_the_phrasings_articles_use() {
    for (sentence, expected) in [
        (
            "Gideon Farrow co-stars as Owen Pritchard, a neighbour.",
            vec!["Gideon Farrow as Owen Pritchard"],
        ),
        (
            "Hattie Olusanya appeared as Clara Voss, the vet.",
            vec!["Hattie Olusanya as Clara Voss"],
        ),
        (
            "Mara Quill will reprise her role as Sam Hale.",
            vec!["Mara Quill as Sam Hale"],
        ),
        (
            "Lia Chen takes on the role of Ruth Avery.",
            vec!["Lia Chen as Ruth Avery"],
        ),
        (
            "Tomas Arrieta joins as Cordelia's younger brother, Felix Vanderholt.",
            vec!["Tomas Arrieta as Felix Vanderholt"],
        ),
        (
            "Tess Amberley plays Gwen Marchbanks, and Marcus Idowu is Felix Dunne, the stage manager.",
            vec![
                "Tess Amberley as Gwen Marchbanks",
                "Marcus Idowu as Felix Dunne",
            ],
        ),
        (
            "Nadia Ferreira-Holm is excellent as Lotte Brandt.",
            vec!["Nadia Ferreira-Holm as Lotte Brandt"],
        ),
        (
            "Paloma Reyes-Whitfield, who also plays its owner, Dolores, wrote it.",
            vec!["Paloma Reyes-Whitfield as Dolores"],
        ),
        // Character (Actor) after a relation word, the sentence's other pairs the same way.
        (
            "Back are Agnes Fairweather (Hollis Drummond) and her brother Bram Fairweather \
             (Tobiah Kessler).",
            vec![
                "Hollis Drummond as Agnes Fairweather",
                "Tobiah Kessler as Bram Fairweather",
            ],
        ),
        (
            "It ended with the radio operator Kasper Lind (Mattias Oyelaran) adrift.",
            vec!["Mattias Oyelaran as Kasper Lind"],
        ),
        // Read the right way round, and never inside a word.
        (
            "His sister Elspeth Harrow, played by Maddie Kerr, counts.",
            vec!["Maddie Kerr as Elspeth Harrow"],
        ),
        (
            "Kristin Scott Thomas returns as MI5 deputy Diana Taverner.",
            vec![],
        ),
        // Two full names and nothing to tell them apart: left out.
        ("Also boarding are Dorian Pell (Edmund Carrow).", vec![]),
        ("Ada Quill is known as Bo Chen among fans.", vec![]),
    ] {
        assert_eq!(cast_of(sentence), expected, "{sentence}");
    }
}

#[test]
fn titles_are_found_as_articles_write_them() {
    let titles = |text: &str| -> Vec<(String, Option<String>)> {
        read(text, &sample(), None)
            .shows
            .into_iter()
            .map(|s| (s.title, s.id))
            .collect()
    };
    // Accents and capitals aside, one word with its capital.
    assert_eq!(
        titles("Prime Video has canceled Etoile after one season."),
        [("Étoile".to_owned(), Some("etoile".to_owned()))]
    );
    // A section's label is not part of the title.
    let roundup =
        titles("CANCELED: Night Ferry (Paramount+)\nParamount+ canceled Night Ferry on Tuesday.");
    assert_eq!(roundup, [("Night Ferry".to_owned(), None)]);
    // Where only a show stands, a title that reads like a name.
    let named = titles(
        "Fans of Cold Meridian are nervous. Cold Meridian follows the crew of a station. \
         Netflix has canceled the thriller.",
    );
    assert_eq!(named, [("Cold Meridian".to_owned(), None)]);
    // "picked up" without an auxiliary is a renewal.
    let reading = read(
        "FX picked up Slow Horses for a third season.",
        &sample(),
        None,
    );
    assert_eq!(reading.shows[0].outcome(), Some(Status::Returning));
}

#[test]
fn a_thread_told_in_the_sentence_after_the_one_that_says_it_is_open_has_its_characters() {
    let reading = read(
        "Slow Horses has been canceled. Ruth Ellery starred as Nell Carrow opposite Tom \
         Askwith as Dev Burke. It ends on an open question. The final episode saw Nell \
         discover that Dev had lied.",
        &sample(),
        None,
    );
    let storylines: Vec<&Vec<String>> = reading.shows[0]
        .facts
        .iter()
        .filter_map(|f| match &f.what {
            What::Storyline { characters, .. } => Some(characters),
            _ => None,
        })
        .collect();
    assert_eq!(
        storylines,
        [&vec!["Nell Carrow".to_owned(), "Dev Burke".to_owned()]]
    );
}

#[test]
fn a_creator_or_studio_the_show_has_says_already() {
    let list = sample();
    let maisel = list.find("The Marvelous Mrs. Maisel").expect("sample");
    let creators = What::Creators {
        names: vec!["Amy Sherman-Palladino".to_owned()],
    };
    assert_eq!(
        describe(&creators, Some(maisel)),
        "Created by Amy Sherman-Palladino (already)"
    );
    assert_eq!(
        describe(&creators, None),
        "Created by Amy Sherman-Palladino"
    );
    let studio = What::Studio {
        name: "Quiet Studios".to_owned(),
    };
    assert_eq!(describe(&studio, Some(maisel)), "Studio: Quiet Studios");
}
