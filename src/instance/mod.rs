//! One Curtain Call per data file. The app that holds a file's writer lock listens on a local
//! socket (a Unix domain socket, mode 0600, beside the lock; a named pipe on Windows); the
//! command line's writing commands and a second launch talk to it instead of touching the file.
//! This module is the transport: where the socket is, the messages ([`protocol`]), the
//! listening end ([`server`]) and the asking end ([`client`]). What the app does with a
//! request is the session's business (`session::remote`).

pub mod client;
pub mod protocol;
pub mod server;

use std::io;
use std::path::{Path, PathBuf};

#[cfg(unix)]
use interprocess::local_socket::GenericFilePath;
#[cfg(not(unix))]
use interprocess::local_socket::GenericNamespaced;
use interprocess::local_socket::Name;
use interprocess::local_socket::prelude::*;

use crate::store::DataFile;
use crate::store::state::file_key;

pub use client::{Contact, LAUNCH_PATIENCE, Launch, announce_launch, ask};
pub use protocol::{ArticleRequest, ImportRequest, Reply, Request, ScriptedEdit};
pub use server::{Incoming, Server};

/// Socket paths longer than this do not fit a Unix socket address (108 bytes with the end).
const MAX_SOCKET_PATH: usize = 100;

/// Where the app on `file` listens: beside its writer lock, in the local state directory
/// (`sockets/<file key>.sock`), unless that path is too long for a socket, then in a folder
/// named after a hash of it in `$XDG_RUNTIME_DIR` (or the temporary directory). Either way the
/// socket's folder is the app's own, made private to the user.
pub fn address(file: &DataFile) -> PathBuf {
    let beside_lock = file
        .state_dir
        .join("sockets")
        .join(format!("{}.sock", file_key(&file.path)));
    if cfg!(unix) && beside_lock.as_os_str().len() <= MAX_SOCKET_PATH {
        return beside_lock;
    }
    let hash = xxhash_rust::xxh3::xxh3_64(beside_lock.as_os_str().as_encoded_bytes());
    std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .unwrap_or_else(std::env::temp_dir)
        .join(format!("curtaincall-{hash:016x}"))
        .join("app.sock")
}

/// The socket's name as the platform's local sockets take it: the path itself on Unix, a
/// named pipe called after the file name on Windows.
fn socket_name(address: &Path) -> io::Result<Name<'static>> {
    #[cfg(unix)]
    {
        address.to_path_buf().to_fs_name::<GenericFilePath>()
    }
    #[cfg(not(unix))]
    {
        let name = address.file_name().map_or_else(
            || "curtaincall".into(),
            |n| n.to_string_lossy().into_owned(),
        );
        name.to_ns_name::<GenericNamespaced>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_data_file_has_its_own_address_and_long_ones_still_fit() {
        let state = PathBuf::from("/home/sam/.local/share/curtaincall");
        let a = address(&DataFile::with_state_dir("/home/sam/shows.ron", &state));
        let b = address(&DataFile::with_state_dir("/home/sam/other.ron", &state));
        assert_ne!(a, b);
        assert!(a.starts_with(state.join("sockets")), "{}", a.display());
        let deep = PathBuf::from("/").join("deep".repeat(40));
        let long = address(&DataFile::with_state_dir("/home/sam/shows.ron", deep));
        assert!(
            long.as_os_str().len() <= MAX_SOCKET_PATH + 40,
            "{}",
            long.display()
        );
    }
}
