//! The listening end: a thread that accepts connections on the app's socket, and a thread per
//! connection that reads one request, hands it to the app and writes back what the app
//! answers. A connection may wait minutes (a check), so each has its own thread, as the folder
//! watcher has its own: they wait on the socket, not on work, and never touch the watchlist.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError, mpsc};
use std::time::Duration;

use interprocess::local_socket::prelude::*;
use interprocess::local_socket::{ListenerOptions, Stream};

use super::protocol::{self, ProtocolError, Reply, Request};
use super::socket_name;

/// Connections served at once: a flood of connections costs a bounded number of threads. One
/// more waits (the rest wait in the socket's queue) until a connection is done, and is told
/// the app is busy if none is within [`READ_PATIENCE`].
const MAX_CONNECTIONS: usize = 32;

/// How long a client may take to send its request once connected.
const READ_PATIENCE: Duration = Duration::from_secs(5);

/// The app's socket, listened on until dropped.
#[derive(Debug)]
pub struct Server {
    address: PathBuf,
    stop: Arc<AtomicBool>,
}

/// A request for the app, with the way to answer it.
#[derive(Debug)]
pub struct Incoming {
    pub request: Request,
    /// The bytes sent with it (a poster image), empty for most requests.
    pub attachment: Vec<u8>,
    replies: mpsc::Sender<Reply>,
}

impl Incoming {
    /// A request with the channel its replies go to (the server's; tests' own).
    pub fn new(request: Request, attachment: Vec<u8>, replies: mpsc::Sender<Reply>) -> Self {
        Incoming {
            request,
            attachment,
            replies,
        }
    }

    /// Tells the client the app has the request in hand: the answer may take a while (a check),
    /// but the app is alive.
    pub fn taken(&self) {
        let _ = self.replies.send(Reply::Taken);
    }

    /// Answers: what the command prints, or why nothing was changed.
    pub fn answer(self, result: Result<String, String>) {
        let _ = self.replies.send(Reply::Done(result));
    }
}

impl Server {
    /// Listens at `address` (see [`super::address`]), handing each request to `deliver`.
    /// Only the holder of the data file's writer lock may call this: a socket file left at
    /// `address` is taken over, as no other app on the file can be listening.
    pub fn start(
        address: &Path,
        deliver: impl Fn(Incoming) + Send + Sync + 'static,
    ) -> io::Result<Self> {
        if let Some(dir) = address.parent() {
            private_dir(dir)?;
        }
        let options = ListenerOptions::new()
            .name(socket_name(address)?)
            .try_overwrite(true)
            .max_spin_time(Duration::from_secs(1));
        #[cfg(unix)]
        let options = {
            use interprocess::os::unix::local_socket::ListenerOptionsExt as _;
            options.mode(0o600)
        };
        let listener = options.create_sync()?;
        let owner = Owner::of(address)?;
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let deliver: Arc<dyn Fn(Incoming) + Send + Sync> = Arc::new(deliver);
        let active = Arc::new(Slots::default());
        std::thread::Builder::new()
            .name("curtaincall-listen".into())
            .spawn(move || {
                for connection in listener.incoming() {
                    if stopped.load(Ordering::SeqCst) {
                        break;
                    }
                    match connection {
                        Ok(stream) => accept(stream, owner, &deliver, &active),
                        Err(error) => {
                            log::warn!("the command line's socket: {error}");
                            // Out of file handles, say: give the system a moment, not a spin.
                            std::thread::sleep(Duration::from_millis(50));
                        }
                    }
                }
                // The listener is dropped here, which removes the socket file.
            })?;
        Ok(Server {
            address: address.to_owned(),
            stop,
        })
    }

    /// Where the server listens.
    pub fn address(&self) -> &Path {
        &self.address
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // The listening thread waits in `accept`: a connection of our own wakes it to stop.
        if let Ok(name) = socket_name(&self.address) {
            let _ = Stream::connect(name);
        }
    }
}

/// The user the socket belongs to: only they may talk to the app.
#[derive(Clone, Copy)]
struct Owner {
    #[cfg(unix)]
    uid: u32,
}

impl Owner {
    /// The owner of the socket just created, which is this process's user.
    fn of(address: &Path) -> io::Result<Self> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            Ok(Owner {
                uid: std::fs::metadata(address)?.uid(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = address;
            Ok(Owner {})
        }
    }

    /// True when the peer runs as the same user. (The socket's mode already keeps others out;
    /// this holds even if the mode were loosened.)
    fn admits(self, stream: &Stream) -> bool {
        #[cfg(unix)]
        {
            stream.peer_creds().ok().and_then(|c| c.euid()) == Some(self.uid)
        }
        #[cfg(not(unix))]
        {
            let _ = stream;
            true
        }
    }
}

/// Serves a new connection on a thread of its own, unless too many are being served.
fn accept(
    stream: Stream,
    owner: Owner,
    deliver: &Arc<dyn Fn(Incoming) + Send + Sync>,
    active: &Arc<Slots>,
) {
    if !owner.admits(&stream) {
        log::warn!("refused a connection to the command line's socket from another user");
        return;
    }
    if !active.take(READ_PATIENCE) {
        let busy = "Curtain Call is busy with other commands; try again in a moment".to_owned();
        let _ = protocol::write_reply(&mut &stream, &Reply::Done(Err(busy)));
        return;
    }
    let (deliver, slots) = (Arc::clone(deliver), Arc::clone(active));
    let started = std::thread::Builder::new()
        .name("curtaincall-answer".into())
        .spawn(move || {
            serve(&stream, deliver.as_ref());
            slots.give_back();
        });
    if let Err(error) = started {
        active.give_back();
        log::warn!("cannot answer the command line: {error}");
    }
}

/// The connections being served, at most [`MAX_CONNECTIONS`].
#[derive(Default)]
struct Slots {
    used: Mutex<usize>,
    freed: Condvar,
}

impl Slots {
    /// Takes a slot, waiting up to `patience` for one; false when none came free.
    fn take(&self, patience: Duration) -> bool {
        let used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        let (mut used, _) = self
            .freed
            .wait_timeout_while(used, patience, |used| *used >= MAX_CONNECTIONS)
            .unwrap_or_else(PoisonError::into_inner);
        if *used >= MAX_CONNECTIONS {
            return false;
        }
        *used += 1;
        true
    }

    fn give_back(&self) {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        *used = used.saturating_sub(1);
        self.freed.notify_one();
    }
}

/// Reads one request, hands it over, and writes the replies until the answer.
fn serve(stream: &Stream, deliver: &(dyn Fn(Incoming) + Send + Sync)) {
    // A client that connects and says nothing does not hold the thread for ever. (Named pipes
    // have no timeouts; there a silent client holds one of the connections.)
    let _ = stream.set_recv_timeout(Some(READ_PATIENCE));
    let (request, attachment) = match protocol::read_request(&mut &*stream) {
        Ok(read) => read,
        Err(ProtocolError::Io(error)) if error.kind() == io::ErrorKind::WouldBlock => {
            log::info!("a command-line client sent nothing in time");
            return;
        }
        Err(error) => {
            log::info!("refused a request on the command line's socket: {error}");
            let _ = protocol::write_reply(&mut &*stream, &Reply::Done(Err(error.to_string())));
            return;
        }
    };
    let (replies, answers) = mpsc::channel();
    deliver(Incoming::new(request, attachment, replies));
    for reply in answers {
        let done = matches!(reply, Reply::Done(_));
        if protocol::write_reply(&mut &*stream, &reply).is_err() || done {
            return;
        }
    }
    let closed = "Curtain Call closed before answering; run the command again".to_owned();
    let _ = protocol::write_reply(&mut &*stream, &Reply::Done(Err(closed)));
}

/// Creates `dir` readable by its owner only (Unix), as the socket's folder.
fn private_dir(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}
