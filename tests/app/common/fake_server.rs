//! A real HTTP/1.1 server on 127.0.0.1 that serves recorded answers, for tests of the catalog
//! clients (and `examples/fake_catalog.rs`). Hand-written on `std::net` so that a test can
//! misbehave exactly as it needs to: a 429 before the answer, a redirect, an oversized body, a
//! body that trickles in, invalid JSON.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One answer the server gives.
#[derive(Clone, Debug)]
pub enum Reply {
    /// 200 with this JSON body, not to be cached.
    Json(String),
    /// 200 with this JSON body and `Cache-Control: max-age=N`.
    JsonCached(String, u64),
    /// Any status with extra headers and a body.
    Status(u16, Vec<(String, String)>, String),
    /// A 301 to this location.
    Redirect(String),
    /// 200 with these bytes (an image), not to be cached.
    Bytes(Vec<u8>),
    /// 200 whose body is this many bytes of JSON-ish filler, announced with its length.
    Huge(usize),
    /// 200 whose body arrives one byte per `delay`.
    Trickle(String, Duration),
    /// 200 with this JSON body, held back until the test opens the gate.
    Held(Gate, String),
}

/// Holds a reply back until the test opens it: the test then knows the request is waiting,
/// whatever the machine's speed.
#[derive(Clone, Debug, Default)]
pub struct Gate(Arc<(Mutex<bool>, std::sync::Condvar)>);

impl Gate {
    /// Lets the held replies go.
    pub fn open(&self) {
        let (open, opened) = &*self.0;
        *open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = true;
        opened.notify_all();
    }

    fn wait(&self) {
        let (open, opened) = &*self.0;
        let mut is_open = open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while !*is_open {
            is_open = opened
                .wait(is_open)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }
}

type Routes = HashMap<String, VecDeque<Reply>>;

/// A recorded answer from `tests/fixtures/`, e.g. `tvmaze/show-101-running.json`.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The address of a server that is down: a port that was free a moment ago, now closed.
pub fn unreachable_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds a port");
    let port = listener.local_addr().expect("has an address").port();
    format!("http://127.0.0.1:{port}")
}

/// The server; it stops when dropped.
pub struct FakeServer {
    pub port: u16,
    routes: Arc<Mutex<Routes>>,
    requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl FakeServer {
    /// Starts a server with no routes, on a free port: everything answers 404.
    pub fn start() -> FakeServer {
        FakeServer::start_on(0)
    }

    /// Starts a server with no routes on `port` (0 for any free one).
    pub fn start_on(port: u16) -> FakeServer {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("binds a port");
        let port = listener.local_addr().expect("has an address").port();
        listener.set_nonblocking(true).expect("nonblocking");
        let routes: Arc<Mutex<Routes>> = Arc::default();
        let requests: Arc<Mutex<Vec<String>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (r, q, s) = (routes.clone(), requests.clone(), stop.clone());
        std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (r, q) = (r.clone(), q.clone());
                        std::thread::spawn(move || serve(stream, &r, &q));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        FakeServer {
            port,
            routes,
            requests,
            stop,
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Answers requests for `path` (without the query; or with it, to match one query only)
    /// with `replies` in turn, the last one for good.
    pub fn route(&self, path: &str, replies: Vec<Reply>) {
        self.routes
            .lock()
            .expect("routes")
            .insert(path.to_owned(), replies.into());
    }

    /// Answers `path` with this JSON, uncached, for good.
    pub fn json(&self, path: &str, body: &str) {
        self.route(path, vec![Reply::Json(body.to_owned())]);
    }

    /// Every request target received so far (path and query), oldest first.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("requests").clone()
    }

    /// How many requests asked for a target starting with `prefix`.
    pub fn count(&self, prefix: &str) -> usize {
        self.requests()
            .iter()
            .filter(|r| r.starts_with(prefix))
            .count()
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve(stream: TcpStream, routes: &Mutex<Routes>, requests: &Mutex<Vec<String>>) {
    let _ = stream.set_nonblocking(false);
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let mut authorized = false;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => authorized |= line.to_ascii_lowercase().starts_with("authorization:"),
        }
    }
    let target = first.split_whitespace().nth(1).unwrap_or("/").to_owned();
    // Requests that carried credentials are marked, so tests can see where a token went.
    let logged = if authorized {
        format!("{target} [authorization]")
    } else {
        target.clone()
    };
    requests.lock().expect("requests").push(logged);
    let path = target.split('?').next().unwrap_or("/").to_owned();
    let reply = {
        let mut routes = routes.lock().expect("routes");
        let queue = if routes.contains_key(&target) {
            routes.get_mut(&target)
        } else {
            routes.get_mut(&path)
        };
        queue.and_then(|q| {
            if q.len() > 1 {
                q.pop_front()
            } else {
                q.front().cloned()
            }
        })
    };
    let mut stream = stream;
    let _ = respond(&mut stream, reply);
}

fn respond(stream: &mut TcpStream, reply: Option<Reply>) -> std::io::Result<()> {
    let head = |status: u16, headers: &[(String, String)], length: usize| {
        let mut text = format!(
            "HTTP/1.1 {status} {}\r\nContent-Length: {length}\r\nConnection: close\r\n",
            reason(status)
        );
        for (name, value) in headers {
            text.push_str(&format!("{name}: {value}\r\n"));
        }
        text.push_str("\r\n");
        text
    };
    let json = |extra: &str| {
        vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("Cache-Control".to_owned(), extra.to_owned()),
        ]
    };
    match reply {
        None => {
            let body = r#"{"name":"Not Found","status":404}"#;
            stream.write_all(head(404, &json("no-store"), body.len()).as_bytes())?;
            stream.write_all(body.as_bytes())
        }
        Some(Reply::Json(body)) => {
            stream.write_all(head(200, &json("no-store"), body.len()).as_bytes())?;
            stream.write_all(body.as_bytes())
        }
        Some(Reply::JsonCached(body, seconds)) => {
            let headers = json(&format!("public, max-age={seconds}"));
            stream.write_all(head(200, &headers, body.len()).as_bytes())?;
            stream.write_all(body.as_bytes())
        }
        Some(Reply::Status(status, headers, body)) => {
            stream.write_all(head(status, &headers, body.len()).as_bytes())?;
            stream.write_all(body.as_bytes())
        }
        Some(Reply::Bytes(body)) => {
            let headers = vec![
                ("Content-Type".to_owned(), "image/png".to_owned()),
                ("Cache-Control".to_owned(), "no-store".to_owned()),
            ];
            stream.write_all(head(200, &headers, body.len()).as_bytes())?;
            stream.write_all(&body)
        }
        Some(Reply::Redirect(location)) => {
            let headers = vec![("Location".to_owned(), location)];
            stream.write_all(head(301, &headers, 0).as_bytes())
        }
        Some(Reply::Huge(length)) => {
            stream.write_all(head(200, &json("no-store"), length).as_bytes())?;
            let chunk = vec![b' '; 64 * 1024];
            let mut sent = 0;
            while sent < length {
                let n = chunk.len().min(length - sent);
                stream.write_all(&chunk[..n])?;
                sent += n;
            }
            Ok(())
        }
        Some(Reply::Held(gate, body)) => {
            gate.wait();
            stream.write_all(head(200, &json("no-store"), body.len()).as_bytes())?;
            stream.write_all(body.as_bytes())
        }
        Some(Reply::Trickle(body, delay)) => {
            stream.write_all(head(200, &json("no-store"), body.len()).as_bytes())?;
            for byte in body.bytes() {
                stream.write_all(&[byte])?;
                stream.flush()?;
                std::thread::sleep(delay);
            }
            Ok(())
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        404 => "Not Found",
        429 => "Too Many Requests",
        _ => "Status",
    }
}
