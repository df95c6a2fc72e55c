//! The networks and streaming services an article may name: the well-known ones and those on
//! the watchlist.

use crate::model::Watchlist;

/// Networks and streaming services articles name.
const NETWORKS: [&str; 44] = [
    "Prime Video",
    "Amazon Prime Video",
    "Netflix",
    "Hulu",
    "Apple TV+",
    "Apple TV",
    "Disney+",
    "Max",
    "HBO Max",
    "HBO",
    "Peacock",
    "Paramount+",
    "AMC",
    "AMC+",
    "FX",
    "FXX",
    "NBC",
    "CBS",
    "ABC",
    "Fox",
    "The CW",
    "Showtime",
    "Starz",
    "BBC One",
    "BBC Two",
    "BBC Three",
    "BBC",
    "Channel 4",
    "ITV",
    "ITVX",
    "Sky Atlantic",
    "Sky",
    "Freeform",
    "ABC Family",
    "The WB",
    "USA Network",
    "TNT",
    "TBS",
    "Syfy",
    "Comedy Central",
    "Adult Swim",
    "MGM+",
    "BritBox",
    "Acorn TV",
];

/// The networks to look for: the well-known ones and those on the watchlist.
pub fn networks(watchlist: &Watchlist) -> Vec<String> {
    let mut names: Vec<String> = NETWORKS.iter().map(|n| (*n).to_owned()).collect();
    for show in &watchlist.shows {
        if let Some(network) = &show.network
            && !names.iter().any(|n| n == network.as_str())
        {
            names.push(network.to_string());
        }
    }
    // Longest first: "HBO Max" before "HBO", "Apple TV+" before "Apple TV".
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
}

/// True for a well-known network's name.
pub fn is_network(name: &str) -> bool {
    NETWORKS.contains(&name)
}
