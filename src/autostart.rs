//! "Start Curtain Call when I log in": an XDG autostart entry
//! (`$XDG_CONFIG_HOME/autostart/curtaincall.desktop`) that starts the app with its window
//! minimised, so cancellations are flagged even if the user never opens it by hand. Written
//! and removed when the setting is saved; off by default.

use std::io;
use std::path::{Path, PathBuf};

/// The flag the entry starts the app with: its window starts minimised.
pub const MINIMIZED_FLAG: &str = "--minimized";

/// The entry's file name.
const ENTRY: &str = "curtaincall.desktop";

/// The user's autostart folder: `$XDG_CONFIG_HOME/autostart`, else `~/.config/autostart`.
/// `None` on systems without one.
pub fn default_dir() -> Option<PathBuf> {
    if !cfg!(unix) || cfg!(target_os = "macos") {
        return None;
    }
    std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .or_else(|| directories::BaseDirs::new().map(|d| d.home_dir().join(".config")))
        .map(|config| config.join("autostart"))
}

/// The entry in `dir`.
pub fn entry_path(dir: &Path) -> PathBuf {
    dir.join(ENTRY)
}

/// Writes (`on`) or removes the entry in `dir`. The entry runs `program` minimised, on
/// `data` when the app runs on a file other than the default one.
pub fn set(dir: &Path, on: bool, program: &Path, data: Option<&Path>) -> io::Result<()> {
    let path = entry_path(dir);
    if !on {
        return match std::fs::remove_file(&path) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        };
    }
    let mut exec = vec![
        exec_arg(&program.to_string_lossy()),
        MINIMIZED_FLAG.to_owned(),
    ];
    if let Some(data) = data {
        exec.push("--data".to_owned());
        exec.push(exec_arg(&data.to_string_lossy()));
    }
    let text = format!(
        "[Desktop Entry]\n\
         Type=Application\n\
         Name=Curtain Call\n\
         Comment=Flags canceled shows on your watchlist\n\
         Exec={}\n\
         Icon=curtaincall\n\
         Terminal=false\n\
         X-GNOME-Autostart-enabled=true\n",
        exec.join(" ")
    );
    std::fs::create_dir_all(dir)?;
    crate::store::write_atomic(&path, text.as_bytes()).map_err(io::Error::other)
}

/// True when the entry is in `dir`.
pub fn is_set(dir: &Path) -> bool {
    entry_path(dir).is_file()
}

/// One argument of an `Exec=` line, quoted as the Desktop Entry specification asks when it
/// holds a space or a reserved character, and escaped for the file's string syntax.
fn exec_arg(arg: &str) -> String {
    const RESERVED: &str = " \t\n\"'\\><~|&;$*?#()`";
    let arg = arg.replace('%', "%%");
    if !arg.is_empty() && !arg.chars().any(|c| RESERVED.contains(c)) {
        return arg;
    }
    let mut quoted = String::from("\"");
    for c in arg.chars() {
        if matches!(c, '"' | '`' | '$' | '\\') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted.replace('\\', "\\\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_is_written_minimised_and_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let autostart = dir.path().join("autostart");
        set(
            &autostart,
            true,
            Path::new("/opt/Curtain Call/curtaincall"),
            Some(Path::new("/home/sam/shows.ron")),
        )
        .expect("writes");
        assert!(is_set(&autostart));
        let text = std::fs::read_to_string(entry_path(&autostart)).expect("reads");
        assert!(
            text.contains(
                "Exec=\"/opt/Curtain Call/curtaincall\" --minimized --data /home/sam/shows.ron\n"
            ),
            "{text}"
        );
        assert!(text.starts_with("[Desktop Entry]\nType=Application\n"));
        set(&autostart, false, Path::new("curtaincall"), None).expect("removes");
        assert!(!is_set(&autostart));
        // Removing what is not there is fine.
        set(&autostart, false, Path::new("curtaincall"), None).expect("nothing to remove");
    }

    #[test]
    fn exec_arguments_are_quoted_as_the_specification_asks() {
        assert_eq!(exec_arg("/usr/bin/curtaincall"), "/usr/bin/curtaincall");
        assert_eq!(exec_arg("/a b/c"), "\"/a b/c\"");
        assert_eq!(exec_arg("100%"), "100%%");
        assert_eq!(exec_arg("a$b"), "\"a\\\\$b\"");
    }
}
