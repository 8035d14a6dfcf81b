//! URL policy: the zones, which hosts are loopback, and how a URL may be
//! shown. Lower layers (the client, the API) and settings both use it.

use std::net::IpAddr;

use reqwest::Url;

pub const ZONES: &[(&str, &str)] = &[
    ("us", "https://partner.peaka.studio/api/v1"),
    ("eu", "https://partner.eu.peaka.studio/api/v1"),
];

/// The base URL of a zone, by its name in any case.
pub fn zone_url(zone: &str) -> Option<&'static str> {
    ZONES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(zone))
        .map(|(_, url)| *url)
}

/// A base URL as it may be shown: without userinfo, query or fragment (they
/// may hold secrets), found by hand since the text may not parse.
pub fn shown_url(text: &str) -> String {
    let text = text.trim();
    let text = text.split(['?', '#']).next().unwrap_or_default();
    let (scheme, rest) = match text.split_once("://") {
        Some((scheme, rest)) => (format!("{scheme}://"), rest),
        None => (String::new(), text),
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    crate::sanitize::field(&format!("{scheme}{host}{path}"))
}

/// Whether the URL is one of the zones' own.
pub fn is_zone_url(url: &Url) -> bool {
    let given = url.as_str().trim_end_matches('/');
    ZONES
        .iter()
        .any(|(_, zone)| zone.trim_end_matches('/') == given)
}

pub fn is_loopback(url: &Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}
