//! The asking end: the command line and a second launch send one request to the running app.

use std::io;
use std::path::Path;
use std::time::Duration;

use interprocess::ConnectWaitMode;
use interprocess::local_socket::ConnectOptions;
use interprocess::local_socket::prelude::*;

use super::protocol::{self, ProtocolError, Reply, Request};
use super::socket_name;

/// What came of asking the running app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contact {
    /// No app listens on the file: do the work here.
    NotRunning,
    /// Something listens but did not take the request in time (a stopped or hung app); why.
    NotAnswering(String),
    /// The app answered: what to print, or why nothing was changed.
    Answered(Result<String, String>),
}

/// Sends `request` (with `attachment`) to the app listening at `address`. The app must take
/// it within `patience` (it is alive) and then answer within `answer_within`, or, with
/// `None`, whenever it is done (a check of many shows takes minutes; the connection closing
/// ends the wait).
pub fn ask(
    address: &Path,
    request: &Request,
    attachment: &[u8],
    patience: Duration,
    answer_within: Option<Duration>,
) -> Contact {
    let stream = match socket_name(address).and_then(|name| {
        ConnectOptions::new()
            .name(name)
            .wait_mode(ConnectWaitMode::Timeout(patience))
            .connect_sync()
    }) {
        Ok(stream) => stream,
        // No socket, or one left by an app that is gone.
        Err(error)
            if matches!(
                error.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused
            ) =>
        {
            return Contact::NotRunning;
        }
        Err(error) => return Contact::NotAnswering(error.to_string()),
    };
    let _ = stream.set_send_timeout(Some(patience));
    if let Err(error) = protocol::write_request(&mut &stream, request, attachment) {
        return Contact::NotAnswering(error.to_string());
    }
    let _ = stream.set_recv_timeout(Some(patience));
    let mut taken = false;
    loop {
        match protocol::read_reply(&mut &stream) {
            Ok(Reply::Taken) if !taken => {
                taken = true;
                let _ = stream.set_recv_timeout(answer_within);
            }
            Ok(Reply::Taken) => {}
            Ok(Reply::Done(result)) => return Contact::Answered(result),
            Err(error) if taken => {
                return Contact::Answered(Err(format!(
                    "Curtain Call took the command but its answer was lost ({error}); \
                     see the window for what happened"
                )));
            }
            Err(ProtocolError::Io(error))
                if matches!(
                    error.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Contact::NotAnswering(format!(
                    "no answer within {:.0} s",
                    patience.as_secs_f64().max(1.0)
                ));
            }
            Err(error) => return Contact::NotAnswering(error.to_string()),
        }
    }
}

/// What a launch of the window found on its data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Launch {
    /// No Curtain Call has the file open: open the window.
    First,
    /// The Curtain Call that has it open brought its window forward: this launch is done.
    Raised,
    /// Something has the file's socket but did not answer within [`LAUNCH_PATIENCE`] (a
    /// stopped or hung app); why. A read-only window opens and says so.
    Silent(String),
}

/// How long a launch waits for the running app to answer before opening a read-only window.
pub const LAUNCH_PATIENCE: Duration = Duration::from_secs(1);

/// Asks the app listening at `address`, if any, to bring its window forward.
pub fn announce_launch(address: &Path) -> Launch {
    match ask(
        address,
        &Request::Focus,
        &[],
        LAUNCH_PATIENCE,
        Some(LAUNCH_PATIENCE),
    ) {
        Contact::NotRunning => Launch::First,
        Contact::Answered(Ok(_)) => Launch::Raised,
        Contact::Answered(Err(why)) | Contact::NotAnswering(why) => Launch::Silent(why),
    }
}
