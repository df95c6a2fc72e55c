//! Desktop notifications (notify-rust): the one that says a show was canceled.

/// Raises "“Title” was canceled" on the desktop, on a thread of its own so the caller never
/// waits on the notification service. Failures (no notification daemon, a headless session)
/// are logged, never shown: the in-app alert is the one that cannot be missed.
pub fn cancellation(title: &str, detail: &str) -> std::thread::JoinHandle<()> {
    let summary = format!("“{title}” was canceled");
    let body = detail.to_owned();
    std::thread::spawn(move || {
        let shown = notify_rust::Notification::new()
            .appname("Curtain Call")
            .summary(&summary)
            .body(&body)
            .icon("curtaincall")
            .show();
        if let Err(error) = shown {
            log::info!("desktop notification not shown: {error}");
        }
    })
}
