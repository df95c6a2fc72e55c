//! The catalog clients against a real HTTP server on 127.0.0.1 serving recorded answers.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::common::fake_server::{FakeServer, Reply, fixture, unreachable_url};
use curtaincall::model::{Source, Status};
use curtaincall::sources::check::{Followed, check};
use curtaincall::sources::tvmaze::Since;
use curtaincall::sources::{FetchError, HttpClient, HttpConfig, ProviderConfig, Providers, TvMaze};
use curtaincall::store::guide_cache::GuideCache;
use curtaincall::tasks::Cancel;

fn config(server: &FakeServer) -> ProviderConfig {
    let mut config = ProviderConfig::with_urls(Some(server.url()), Some(server.url()));
    config.http.overall_timeout = Duration::from_secs(3);
    config
}

fn providers(server: &FakeServer) -> Providers {
    Providers::new(&config(server))
}

#[test]
fn search_reads_streaming_and_old_shapes_and_rewrites_links_to_https() {
    let server = FakeServer::start();
    server.json("/search/shows", &fixture("tvmaze/search-harbor.json"));
    let hits = providers(&server)
        .tvmaze
        .search("harbor", &Cancel::never())
        .expect("search");
    assert_eq!(server.requests(), ["/search/shows?q=harbor"]);
    assert_eq!(hits.len(), 2);
    let harbor = &hits[0];
    assert_eq!(harbor.tvmaze, 101);
    assert_eq!(harbor.title, "Harbor Lights");
    // network: null, webChannel: Prime Video
    assert_eq!(harbor.network.as_deref(), Some("Prime Video"));
    assert_eq!(harbor.status, Some(Status::Airing));
    assert_eq!(harbor.year(), Some(2025));
    assert_eq!(harbor.imdb.as_deref(), Some("tt9000101"));
    assert_eq!(harbor.thetvdb, Some(400101));
    assert_eq!(
        harbor.poster_url.as_deref(),
        Some("https://static.tvmaze.com/uploads/images/original_untouched/1/101.jpg")
    );
    assert_eq!(
        harbor.official_site.as_deref(),
        Some("https://www.example.com/harbor-lights")
    );
    assert_eq!(
        harbor.summary,
        "Harbor Lights follows the keepers of a fishing town's last lighthouse & the secrets its beam uncovers."
    );
    // The old record lacks webChannel, externals, image, updated: the rest still reads.
    let old = &hits[1];
    assert_eq!(old.title, "Night Shift Diaries");
    assert_eq!(old.network.as_deref(), Some("NBC"));
    assert_eq!(old.status, Some(Status::Ended));
    assert_eq!((old.poster_url.clone(), old.imdb.clone()), (None, None));
    assert_eq!(old.updated, None);
}

#[test]
fn a_search_with_no_result_is_empty_not_an_error() {
    let server = FakeServer::start();
    server.json("/search/shows", &fixture("tvmaze/search-empty.json"));
    let hits = providers(&server)
        .tvmaze
        .search("zzzz qqq", &Cancel::never())
        .expect("search");
    assert!(hits.is_empty());
    // Form-encoded, as the url crate writes a query.
    assert_eq!(server.requests(), ["/search/shows?q=zzzz+qqq"]);
}

#[test]
fn a_show_comes_with_cast_characters_and_seasons() {
    let server = FakeServer::start();
    server.json("/shows/101", &fixture("tvmaze/show-101-running.json"));
    let show = providers(&server).show(101, None).expect("show");
    assert!(server.requests()[0].starts_with("/shows/101?embed[]=cast"));
    let cast: Vec<_> = show
        .cast
        .iter()
        .map(|c| (c.actor.as_str(), c.character.as_deref()))
        .collect();
    assert_eq!(
        cast,
        [
            ("Mara Quinn", Some("Elsie Varga")),
            ("Tomas Reyes", Some("Captain Obi Hale")),
            ("June Adler", Some("Dr. Wren Castillo")),
            ("Felix Oduya", None),
        ]
    );
    assert_eq!(show.season_count(), 1);
    assert_eq!(show.seasons[0].ordered, Some(10));
    assert_eq!(show.seasons[0].aired, 8);
    assert_eq!(show.updated, Some(1760000000));
    assert_eq!(show.genres, ["Drama", "Mystery"]);
}

#[test]
fn an_old_show_record_without_newer_fields_still_loads() {
    let server = FakeServer::start();
    server.json("/shows/102", &fixture("tvmaze/show-102-old-shape.json"));
    let show = providers(&server).show(102, None).expect("show");
    assert_eq!(show.title, "Night Shift Diaries");
    assert!(show.cast.is_empty() && show.seasons.is_empty());
    let entry = show.to_show(curtaincall::model::today());
    assert_eq!(entry.external_ids.tvmaze, Some(102));
    assert_eq!(entry.status, Status::Ended);
}

#[test]
fn a_429_is_waited_out_then_the_answer_is_used() {
    let server = FakeServer::start();
    let retry = vec![("Retry-After".to_owned(), "1".to_owned())];
    server.route(
        "/shows/101",
        vec![
            Reply::Status(429, retry, String::new()),
            Reply::Json(fixture("tvmaze/show-101-running.json")),
        ],
    );
    let started = Instant::now();
    let show = providers(&server)
        .show(101, None)
        .expect("show after a 429");
    assert_eq!(show.title, "Harbor Lights");
    assert_eq!(server.count("/shows/101"), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
}

#[test]
fn a_search_cancelled_while_it_waits_out_a_429_gives_up_at_once() {
    let server = FakeServer::start();
    // "Come back in ten minutes."
    let retry = vec![("Retry-After".to_owned(), "600".to_owned())];
    server.route(
        "/search/shows",
        vec![Reply::Status(429, retry, String::new())],
    );
    let mut config = config(&server);
    config.http.max_backoff = Duration::from_secs(600);
    let tvmaze = Providers::new(&config).tvmaze;
    let cancel = Cancel::default();
    let (done, outcome) = std::sync::mpsc::channel();
    {
        let (tvmaze, cancel) = (tvmaze.clone(), cancel.clone());
        std::thread::spawn(move || done.send(tvmaze.search("typed over", &cancel)));
    }
    // The call went out and was told to wait; the user types something else.
    let deadline = Instant::now() + crate::common::PATIENCE;
    while server.count("/search/shows") == 0 {
        assert!(Instant::now() < deadline, "the search never went out");
        std::thread::sleep(Duration::from_millis(5));
    }
    cancel.cancel();
    assert_eq!(
        outcome
            .recv_timeout(crate::common::PATIENCE)
            .expect("the search gives up without waiting the ten minutes"),
        Err(FetchError::Cancelled)
    );
    assert_eq!(server.count("/search/shows"), 1, "not asked again");
}

#[test]
fn endless_429s_give_up_with_a_clear_error() {
    let server = FakeServer::start();
    let retry = vec![("Retry-After".to_owned(), "0".to_owned())];
    server.route("/shows/101", vec![Reply::Status(429, retry, String::new())]);
    let error = providers(&server)
        .show(101, None)
        .expect_err("rate limited");
    assert!(matches!(error, FetchError::RateLimited { .. }), "{error}");
    assert_eq!(server.count("/shows/101"), 4, "one call and three retries");
}

#[test]
fn redirects_are_followed_only_to_allowed_places() {
    let server = FakeServer::start();
    server.route("/lookup/shows", vec![Reply::Redirect("/shows/101".into())]);
    server.json("/shows/101", &fixture("tvmaze/show-101-running.json"));
    let http = HttpClient::new(config(&server).http);
    let body = http
        .get(
            &format!("{}/lookup/shows?imdb=tt9000101", server.url()),
            &[],
        )
        .expect("redirect followed");
    assert!(String::from_utf8_lossy(&body).contains("Harbor Lights"));

    for target in [
        "file:///etc/passwd",
        "http://example.com/shows/101",
        "ftp://127.0.0.1/x",
    ] {
        server.route("/evil", vec![Reply::Redirect(target.into())]);
        let error = http
            .get(&format!("{}/evil", server.url()), &[])
            .expect_err(target);
        assert!(matches!(error, FetchError::Refused(_)), "{target}: {error}");
    }
    server.route("/loop", vec![Reply::Redirect("/loop".into())]);
    let error = http
        .get(&format!("{}/loop", server.url()), &[])
        .unwrap_err();
    assert!(
        matches!(error, FetchError::TooManyRedirects { .. }),
        "{error}"
    );
}

#[test]
fn the_provider_cache_saves_repeat_requests() {
    let server = FakeServer::start();
    server.route(
        "/shows/101",
        vec![Reply::JsonCached(
            fixture("tvmaze/show-101-running.json"),
            3600,
        )],
    );
    let providers = providers(&server);
    providers.show(101, None).expect("first");
    providers.show(101, None).expect("second, from the cache");
    assert_eq!(server.count("/shows/101"), 1);
    assert_eq!(providers.http.requests_sent(), 1);
}

#[test]
fn a_cancelled_search_never_goes_out() {
    let server = FakeServer::start();
    server.json("/search/shows", "[]");
    let mut config = config(&server);
    config.http.max_calls = 1;
    config.http.per = Duration::from_secs(3600);
    let tvmaze = Providers::new(&config).tvmaze;
    tvmaze.search("first", &Cancel::never()).expect("search");
    // The next one must wait an hour for its turn; the user types something else meanwhile.
    let cancel = Cancel::default();
    let waiting = {
        let (tvmaze, cancel) = (tvmaze.clone(), cancel.clone());
        std::thread::spawn(move || tvmaze.search("typed over", &cancel))
    };
    cancel.cancel();
    let outcome = waiting.join().expect("the search ends");
    assert_eq!(outcome, Err(FetchError::Cancelled));
    assert_eq!(
        server.count("/search/shows"),
        1,
        "the typed-over search never went out"
    );
}

#[test]
fn no_more_than_the_allowed_calls_per_window() {
    let server = FakeServer::start();
    server.json("/search/shows", "[]");
    let mut config = config(&server);
    config.http.max_calls = 3;
    config.http.per = Duration::from_millis(600);
    let tvmaze = Providers::new(&config).tvmaze;
    let started = Instant::now();
    for i in 0..7 {
        tvmaze
            .search(&format!("q{i}"), &Cancel::never())
            .expect("search");
    }
    // Calls 4–6 wait for the first window, call 7 for the second.
    assert!(
        started.elapsed() >= Duration::from_millis(1200),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.count("/search/shows"), 7);
}

#[test]
fn hostile_answers_fail_cleanly_within_the_timeout() {
    let server = FakeServer::start();
    let mut config = config(&server);
    config.http.max_body = 64 * 1024;
    config.http.overall_timeout = Duration::from_secs(1);
    let providers = Providers::new(&config);

    // 50 MB offered: refused at the 64 KB cap (the error says so), not read to the end.
    server.route("/shows/1", vec![Reply::Huge(50 * 1024 * 1024)]);
    let error = providers.show(1, None).expect_err("too large");
    assert!(matches!(error, FetchError::TooLarge { .. }), "{error}");

    server.route(
        "/shows/2",
        vec![Reply::Trickle(
            fixture("tvmaze/show-101-running.json"),
            Duration::from_millis(20),
        )],
    );
    // Trickled a byte every 20 ms, the answer would take over a minute: the 1 s overall
    // timeout cuts it (the error says which limit stopped it).
    let error = providers.show(2, None).expect_err("too slow");
    assert!(
        matches!(error, FetchError::TimedOut { seconds: 1, .. }),
        "{error}"
    );

    server.json("/shows/3", "{\"id\": 3, \"name\": ");
    let error = providers.show(3, None).expect_err("invalid JSON");
    assert!(matches!(error, FetchError::Invalid { .. }), "{error}");
}

#[test]
fn a_server_that_is_down_reads_as_offline() {
    let down = unreachable_url();
    let config = ProviderConfig::with_urls(Some(down), None);
    let error = Providers::new(&config)
        .tvmaze
        .search("harbor", &Cancel::never())
        .expect_err("down");
    assert!(error.is_offline(), "{error}");
    assert!(
        error.to_string().contains("could not reach 127.0.0.1"),
        "{error}"
    );
}

#[test]
fn plain_http_elsewhere_is_refused_before_any_request() {
    let http = Arc::new(HttpClient::new(HttpConfig::default()));
    let tvmaze = TvMaze::new(http, "http://api.tvmaze.com");
    let error = tvmaze
        .search("harbor", &Cancel::never())
        .expect_err("http refused");
    assert!(matches!(error, FetchError::Refused(_)), "{error}");
}

#[test]
fn tmdb_tells_canceled_from_ended() {
    let server = FakeServer::start();
    server.json("/shows/101", &fixture("tvmaze/show-101-ended.json"));
    server.json("/find/tt9000101", &fixture("tmdb/find-tt9000101.json"));
    server.json("/tv/77101", &fixture("tmdb/tv-77101-canceled.json"));
    let mut config = config(&server);
    config.tmdb_key = Some("v3key".into());
    let show = Providers::new(&config).show(101, None).expect("show");
    assert_eq!(show.status, Some(Status::Canceled));
    assert_eq!(show.source, Source::Tmdb);
    assert_eq!(show.tmdb, Some(77101));
    let requests = server.requests();
    assert!(
        requests
            .iter()
            .any(|r| r == "/find/tt9000101?api_key=v3key&external_source=imdb_id"),
        "{requests:?}"
    );
    // Without a key TMDB is never asked, and the show is only "ended".
    let server = FakeServer::start();
    server.json("/shows/101", &fixture("tvmaze/show-101-ended.json"));
    let show = providers(&server).show(101, None).expect("show");
    assert_eq!(show.status, Some(Status::Ended));
    assert_eq!(server.count("/find"), 0);
}

#[test]
fn a_check_fetches_only_the_shows_tvmaze_says_changed() {
    let server = FakeServer::start();
    server.json(
        "/updates/shows",
        r#"{"101": 1770000000, "102": 1500000000}"#,
    );
    server.json("/shows/101", &fixture("tvmaze/show-101-ended.json"));
    server.json("/shows/101/episodes", &fixture("tvmaze/episodes-101.json"));
    server.json("/shows/102/episodes", "[]");
    let followed = [
        Followed {
            id: "harbor-lights".into(),
            tvmaze: 101,
            tmdb: None,
            updated: Some(1760000000),
        },
        Followed {
            id: "night-shift".into(),
            tvmaze: 102,
            tmdb: None,
            updated: Some(1500000000),
        },
        Followed {
            id: "quiet".into(),
            tvmaze: 103,
            tmdb: None,
            updated: Some(1400000000),
        },
    ];
    let now = jiff::Timestamp::now();
    let an_hour_ago = now - jiff::SignedDuration::from_hours(1);
    let mut progress = Vec::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = GuideCache::new(dir.path().join("episodes"));
    // Show 103's episodes were fetched at an earlier check.
    cache
        .store(&curtaincall::model::guide::Guide::new(
            103,
            None,
            Vec::new(),
        ))
        .expect("stores");
    let result = check(
        &providers(&server),
        &followed,
        Some(an_hour_ago),
        now,
        Some(&cache),
        &mut |done, total| progress.push((done, total)),
    )
    .expect("check");
    assert_eq!(server.count("/updates/shows?since=day"), 1);
    // The changed show and its episodes; the unchanged show never listed, its episodes once.
    assert_eq!(
        server.requests()[1..],
        [
            "/shows/101?embed[]=cast&embed[]=seasons",
            "/shows/101/episodes?specials=1",
            "/shows/102/episodes?specials=1"
        ]
    );
    assert_eq!(result.answers.len(), 1);
    assert_eq!(result.answers[0].0, "harbor-lights");
    assert_eq!(result.unchanged, 2);
    assert_eq!(progress, [(0, 2), (1, 2), (2, 2)]);
    let guide = cache.load(101).expect("kept in the cache");
    assert_eq!(result.guides.len(), 2);
    assert_eq!(
        guide
            .episodes()
            .iter()
            .map(|e| (e.episode.to_string(), e.title.as_str()))
            .collect::<Vec<_>>(),
        [
            ("S0E1".to_owned(), "Behind the Light"),
            ("S1E1".to_owned(), "Low Tide"),
            ("S1E2".to_owned(), "The Keeper"),
            ("S1E3".to_owned(), "Fog Signal"),
            ("S2E1".to_owned(), "TBA"),
            ("S2E2".to_owned(), "TBA"),
        ]
    );
    let pilot = guide
        .get(curtaincall::model::EpisodeRef(1, 1))
        .expect("pilot");
    assert_eq!(
        pilot.airs_at,
        Some("2025-09-08T01:00:00Z".parse().expect("stamp"))
    );
    assert_eq!(pilot.runtime, Some(52));
    // The next check asks nothing more of the unchanged shows.
    let again = check(
        &providers(&server),
        &followed[1..],
        Some(an_hour_ago),
        now,
        Some(&cache),
        &mut |_, _| {},
    )
    .expect("check");
    assert!(again.guides.is_empty());
    assert_eq!(server.count("/shows/102/episodes"), 1);
    assert_eq!(
        Since::covering(jiff::SignedDuration::from_hours(30)),
        Since::Week
    );
}

#[test]
fn an_ended_show_asks_for_its_last_seasons_episodes_only() {
    let server = FakeServer::start();
    serve_ended_show_and_its_last_season(&server);
    let fetched = providers(&server).show(101, None).expect("show");
    assert_eq!(fetched.seasons[0].aired, 8);
    assert_eq!(server.count("/seasons/1101/episodes"), 1);
    assert!(
        server
            .requests()
            .iter()
            .all(|r| !r.contains("embed[]=episodes"))
    );
    // A running show costs no second request.
    let server = FakeServer::start();
    server.json("/shows/101", &fixture("tvmaze/show-101-running.json"));
    providers(&server).show(101, None).expect("show");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_tmdb_token_is_not_sent_on_to_another_host_after_a_redirect() {
    let server = FakeServer::start();
    // The same server under another host name: what a redirect elsewhere looks like.
    let elsewhere = format!("http://localhost:{}/tv/77101", server.port);
    server.route("/tv/1", vec![Reply::Redirect(elsewhere)]);
    server.json("/tv/77101", &fixture("tmdb/tv-77101-canceled.json"));
    server.json("/shows/101", &fixture("tvmaze/show-101-ended.json"));
    let mut config = config(&server);
    config.tmdb_key = Some("eyJ.v4-token".into());
    let show = Providers::new(&config).show(101, Some(1)).expect("show");
    assert_eq!(show.status, Some(Status::Canceled));
    let requests = server.requests();
    assert!(
        requests.contains(&"/tv/1 [authorization]".to_owned()),
        "{requests:?}"
    );
    assert!(requests.contains(&"/tv/77101".to_owned()), "{requests:?}");
}

#[test]
fn a_show_fetch_for_a_closed_dialog_asks_nothing_more() {
    let server = FakeServer::start();
    serve_ended_show_and_its_last_season(&server);
    // Closed before the fetch began: not a request.
    let cancel = Cancel::default();
    cancel.cancel();
    let outcome = providers(&server).show_unless(101, None, &cancel);
    assert!(matches!(outcome, Err(FetchError::Cancelled)), "{outcome:?}");
    assert!(server.requests().is_empty(), "{:?}", server.requests());
    // Not cancelled: the show and its last season's episodes, as before.
    providers(&server)
        .show_unless(101, None, &Cancel::default())
        .expect("show");
    assert_eq!(server.count("/seasons/1101/episodes"), 1);
}

/// Serves the ended show 101 without its episodes, and its last season's episodes apart, as
/// TVmaze answers the two requests.
fn serve_ended_show_and_its_last_season(server: &FakeServer) {
    let mut show: serde_json::Value =
        serde_json::from_str(&fixture("tvmaze/show-101-ended.json")).unwrap();
    let episodes = show["_embedded"]["episodes"].take();
    show["_embedded"]
        .as_object_mut()
        .unwrap()
        .remove("episodes");
    server.json("/shows/101", &show.to_string());
    server.json("/seasons/1101/episodes", &episodes.to_string());
}
