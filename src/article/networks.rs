//! The networks and streaming services articles name (the index adds the watchlist's own).

/// Networks and streaming services articles name.
pub(super) const NETWORKS: [&str; 44] = [
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

/// True for a well-known network's name.
pub fn is_network(name: &str) -> bool {
    NETWORKS.contains(&name)
}
