//! Desktop notifications (notify-rust): a show was canceled; an episode premieres, ends a
//! season or the show, or a new one airs.

/// Raises "“Title” was canceled" on the desktop and waits for the notification service to take
/// it: call it off the UI thread (the session's notifier lane, or the command line). Failures
/// (no notification daemon, a headless session) are returned for the caller to log; the in-app
/// alert is the one that cannot be missed.
pub fn cancellation(title: &str, detail: &str) -> Result<(), String> {
    notify_rust::Notification::new()
        .appname("Curtain Call")
        .summary(&format!("“{title}” was canceled"))
        .body(detail)
        .icon("curtaincall")
        .show()
        .map(drop)
        .map_err(|error| error.to_string())
}

/// Raises an episode's news ("Étoile — Season 3 premieres today") on the desktop; as
/// [`cancellation`], off the UI thread, failures returned for the caller to log.
pub fn episode(title: &str, news: &str) -> Result<(), String> {
    notify_rust::Notification::new()
        .appname("Curtain Call")
        .summary(title)
        .body(news)
        .icon("curtaincall")
        .show()
        .map(drop)
        .map_err(|error| error.to_string())
}
