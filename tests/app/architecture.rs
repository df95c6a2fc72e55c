//! The shape ARCHITECTURE.md describes, checked on the source itself: no two modules depend
//! on each other (directly or round a longer loop), the core knows nothing of egui, and the
//! model does no I/O. A module depends on another when its code names it (`use crate::…`,
//! `crate::…::` in an expression, `super::…`); a module naming one of its own ancestors (a view
//! using `ui::UiCommand`) is the usual Rust nesting, not a dependency, and is left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every module of the crate (`ui::detail::cast`) and its source.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<String, String>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("lists src")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("a name")
                .to_owned();
            if path.is_dir() {
                let mut inner = prefix.to_vec();
                inner.push(name);
                walk(&path, &inner, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                // The binary's own file, and test modules kept in files of their own.
                if name == "main" || name == "tests" {
                    continue;
                }
                let mut module = prefix.to_vec();
                if name != "mod" && name != "lib" {
                    module.push(name);
                }
                let source = std::fs::read_to_string(&path).expect("reads");
                out.insert(module.join("::"), without_tests(&source));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &[],
        &mut out,
    );
    out
}

/// The source without what is compiled for tests only: each `#[cfg(test)]` item (a test
/// module, inline or in a file of its own, or a helper) cut out whole, wherever it stands.
fn without_tests(source: &str) -> String {
    let mut out = String::new();
    let mut rest = source;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        // The item ends at its `;` (`mod tests;`) or at the brace closing its body.
        let end = match (item.find(';'), item.find('{')) {
            (Some(semi), Some(open)) if semi < open => semi + 1,
            (_, Some(open)) => {
                let mut depth = 0usize;
                let mut end = item.len();
                for (i, c) in item[open..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = open + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            (Some(semi), None) => semi + 1,
            (None, None) => item.len(),
        };
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The paths a source names: `crate::a::b…` and `super::a…` (resolved from `module`), with
/// `use` groups (`use crate::x::{a, b::c}`) spread out.
fn named_paths(module: &str, source: &str) -> Vec<Vec<String>> {
    let own: Vec<String> = module
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let mut paths = Vec::new();
    let code: String = source
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    for (at, _) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        let before = code[..at].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = &code[at..];
        let end = rest
            .find(|c: char| {
                !(c.is_alphanumeric()
                    || c == '_'
                    || c == ':'
                    || c == '{'
                    || c == '}'
                    || c == ','
                    || c == ' '
                    || c == '\n')
            })
            .unwrap_or(rest.len());
        let text = &rest[..end];
        // A group only where a brace follows the path directly (`use crate::x::{a, b}`); in
        // an expression (`Box<super::A, B>`) the path ends at the first other character.
        let plain = text
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(text.len());
        let head = &text[..plain];
        let group = text[plain..].strip_prefix('{');
        let mut base: Vec<String> = if head.starts_with("crate::") {
            Vec::new()
        } else {
            own.clone()
        };
        let mut segments = head.split("::").filter(|s| !s.trim().is_empty());
        for segment in segments.by_ref() {
            match segment.trim() {
                "crate" => {}
                "super" => {
                    base.pop();
                }
                name => {
                    base.push(name.to_owned());
                }
            }
        }
        match group {
            None => paths.push(base),
            Some(group) => {
                let group = group.split('}').next().unwrap_or("");
                for item in group.split(',') {
                    let mut path = base.clone();
                    path.extend(
                        item.split("::")
                            .map(str::trim)
                            .filter(|s| !s.is_empty() && *s != "self")
                            .map(str::to_owned),
                    );
                    paths.push(path);
                }
            }
        }
    }
    paths
}

/// The module a path names: its longest prefix that is a module — or, when what follows is a
/// name that module only imports (`super::Event`, re-exported from `session::events`), the
/// module that name comes from, so that a re-export hides no dependency.
fn module_of(path: &[String], modules: &BTreeMap<String, String>) -> Option<String> {
    module_through_imports(path, modules, 0)
}

fn module_through_imports(
    path: &[String],
    modules: &BTreeMap<String, String>,
    depth: usize,
) -> Option<String> {
    let n = (1..=path.len())
        .rev()
        .find(|n| modules.contains_key(&path[..*n].join("::")))?;
    let module = path[..n].join("::");
    if let Some(name) = path.get(n)
        && depth < 8
        && let Some(source) = imported(&module, name, &modules[&module])
    {
        return module_through_imports(&source, modules, depth + 1).or(Some(module));
    }
    Some(module)
}

/// Where `module` (with `source`) imports `name` from: the path of its `use` naming it.
fn imported(module: &str, name: &str, source: &str) -> Option<Vec<String>> {
    let own: Vec<String> = module
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    for statement in source.split(';') {
        let statement = statement.trim();
        let Some(body) = statement
            .strip_prefix("pub use ")
            .or_else(|| statement.strip_prefix("pub(crate) use "))
            .or_else(|| statement.strip_prefix("pub(super) use "))
            .or_else(|| statement.strip_prefix("use "))
        else {
            continue;
        };
        let body: String = body.split_whitespace().collect();
        let (head, items): (&str, Vec<&str>) = match body.find('{') {
            Some(open) => (
                &body[..open],
                body[open + 1..].trim_end_matches('}').split(',').collect(),
            ),
            None => match body.rfind("::") {
                Some(last) => (&body[..last + 2], vec![&body[last + 2..]]),
                None => continue,
            },
        };
        for item in items {
            let item = item.trim();
            let last = item.rsplit("::").next().unwrap_or(item);
            if last != name {
                continue;
            }
            // A path from this module: `catalog::X` is a child's, `super::`/`crate::` climb.
            let mut path: Vec<String> = if head.starts_with("crate::") {
                Vec::new()
            } else {
                own.clone()
            };
            for segment in head.split("::").chain(item.split("::")) {
                match segment {
                    "" | "self" | "crate" => {}
                    "super" => {
                        path.pop();
                    }
                    other => path.push(other.to_owned()),
                }
            }
            // Names from outside the crate (`std::…`) are not modules of ours.
            return (head.starts_with("crate::")
                || head.starts_with("super::")
                || head.starts_with("self::")
                || own.len() < path.len())
            .then_some(path);
        }
    }
    None
}

/// Which modules each module depends on, ancestors left out.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let mut graph = BTreeMap::new();
    for (module, source) in &modules {
        let mut uses = BTreeSet::new();
        for path in named_paths(module, source) {
            if let Some(target) = module_of(&path, &modules) {
                let ancestor = target.is_empty()
                    || module == &target
                    || module.starts_with(&format!("{target}::"));
                if !ancestor {
                    uses.insert(target);
                }
            }
        }
        graph.insert(module.clone(), uses);
    }
    graph
}

/// The loops in `graph`: sets of modules that all depend on each other, round and round.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan's strongly connected components.
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(state: &mut State<'a>, node: &'a str) {
        state.index.insert(node, state.next);
        state.low.insert(node, state.next);
        state.next += 1;
        state.stack.push(node);
        state.on_stack.insert(node);
        if let Some(targets) = state.graph.get(node) {
            for target in targets {
                let target = target.as_str();
                if !state.index.contains_key(target) {
                    visit(state, target);
                    let low = state.low[node].min(state.low[target]);
                    state.low.insert(node, low);
                } else if state.on_stack.contains(target) {
                    let low = state.low[node].min(state.index[target]);
                    state.low.insert(node, low);
                }
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = Vec::new();
            while let Some(top) = state.stack.pop() {
                state.on_stack.remove(top);
                component.push(top.to_owned());
                if top == node {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                state.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node.as_str()) {
            visit(&mut state, node);
        }
    }
    state.found
}

#[test]
fn no_two_modules_depend_on_each_other() {
    let graph = dependencies();
    assert!(graph.len() > 50, "found the modules: {graph:?}");
    assert!(
        graph["ui::app"].contains("session"),
        "dependencies are seen"
    );
    // A name the parent re-exports (`super::Event`) counts where it is defined.
    assert!(
        graph["session::catalog"].contains("session::events"),
        "re-exports are followed: {:?}",
        graph["session::catalog"]
    );
    let loops = cycles(&graph);
    // Each loop with its arrows, so that the one to cut can be read off the failure.
    let arrows: Vec<String> = loops
        .iter()
        .flat_map(|members| {
            members.iter().flat_map(|from| {
                graph[from]
                    .iter()
                    .filter(|to| members.contains(to))
                    .map(move |to| format!("{from} → {to}"))
            })
        })
        .collect();
    assert!(
        loops.is_empty(),
        "modules that depend on each other: {loops:?}\n{}",
        arrows.join("\n")
    );
    // The top-level modules, each taken whole, are layered too.
    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let head = |m: &str| m.split("::").next().unwrap_or("").to_owned();
    for (module, uses) in &graph {
        let entry = top.entry(head(module)).or_default();
        entry.extend(uses.iter().map(|u| head(u)).filter(|u| *u != head(module)));
    }
    let loops = cycles(&top);
    assert!(
        loops.is_empty(),
        "top-level modules that depend on each other: {loops:?}"
    );
}

#[test]
fn the_core_knows_nothing_of_egui_and_the_model_does_no_io() {
    let core = [
        "model",
        "store",
        "session",
        "sources",
        "tasks",
        "posters",
        "settings",
        "export",
        "import",
        "article",
        "instance",
        "ics",
        "notify",
        "autostart",
        "diagnostics",
    ];
    for (module, source) in modules() {
        let top = module.split("::").next().unwrap_or("");
        if core.contains(&top) {
            for gui in ["egui", "eframe"] {
                assert!(
                    !source.contains(&format!("{gui}::")),
                    "{module} names {gui}"
                );
            }
        }
        if top == "model" {
            for io in [
                "std::fs",
                "std::net",
                "std::thread",
                "std::process",
                "std::io::",
            ] {
                assert!(!source.contains(io), "{module} does I/O ({io})");
            }
        }
    }
}

#[test]
fn the_checker_sees_a_loop_when_there_is_one() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(m, uses)| (m.to_owned(), uses.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(cycles(&graph), [vec!["a", "b", "c"]]);
    let modules: BTreeMap<String, String> = [
        ("ui".to_owned(), String::new()),
        ("ui::detail".to_owned(), String::new()),
        ("ui::detail::cast".to_owned(), String::new()),
        ("session".to_owned(), String::new()),
    ]
    .into_iter()
    .collect();
    let paths = named_paths(
        "ui::detail::cast",
        "use super::{DetailState, cast};\nuse crate::session::{Command, Document};",
    );
    let mut named: Vec<String> = paths
        .iter()
        .filter_map(|p| module_of(p, &modules))
        .collect();
    named.sort();
    assert_eq!(
        named,
        ["session", "session", "ui::detail", "ui::detail::cast"]
    );
}

#[test]
#[ignore = "prints the module graph for ARCHITECTURE.md"]
fn print_the_module_graph() {
    for (module, uses) in dependencies() {
        println!(
            "{module} -> {}",
            uses.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
}

#[test]
fn reading_the_source_leaves_out_only_what_is_compiled_for_tests() {
    // A test module declared among the others: the code after it is still read.
    assert_eq!(
        without_tests("mod a;\n#[cfg(test)]\nmod tests;\nfn kept() {}\n"),
        "mod a;\n\nfn kept() {}\n"
    );
    // A helper for tests only, with nested braces, and an inline test module last.
    assert_eq!(
        without_tests(
            "x\n#[cfg(test)]\nfn t() { if a { b } }\ny\n#[cfg(test)]\nmod tests {\n    fn z() {}\n}\n"
        ),
        "x\n\ny\n\n"
    );
    // A re-export is followed to the module that defines the name.
    let modules: BTreeMap<String, String> = [
        (
            "s".to_owned(),
            "pub use events::Event;\nmod events;".to_owned(),
        ),
        ("s::events".to_owned(), "pub enum Event {}".to_owned()),
        ("s::catalog".to_owned(), "use super::Event;".to_owned()),
    ]
    .into();
    let path = ["s".to_owned(), "Event".to_owned()];
    assert_eq!(module_of(&path, &modules).as_deref(), Some("s::events"));
}
