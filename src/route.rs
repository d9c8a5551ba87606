//! Pages and their URLs. Routing uses the URL's fragment (`#/checklist/4.1`), not its path: a plain
//! static file server (and a file opened from disk) serves `index.html` for every page only that way,
//! so every page can be bookmarked and reloaded, from any sub-folder, with no server rewrite rules.
//! leptos_router routes by path only, hence this small module instead.
//!
//! Pure string handling, no browser types: `browser::location` feeds it `location.hash`.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// 总览
    Overview,
    /// 各章自查: one chapter (or the first), optionally scrolled to one item.
    Checklist {
        chapter: Option<String>,
        item: Option<String>,
    },
    /// 方案原文: the plan's reading parts (指导思想、基本原则) and the whole text.
    Plan,
    /// 台账
    Ledger,
    /// 德能勤绩廉评分
    Rating,
    /// 导入导出
    Exchange,
    /// 汇总
    Summary,
    /// 设置
    Settings,
    /// A fragment that names no page: shown as "页面不存在" with a way back.
    NotFound(String),
}

/// The navigation bar, in order: (route, label).
pub fn nav() -> [(Route, &'static str); 8] {
    [
        (Route::Overview, "总览"),
        (
            Route::Checklist {
                chapter: None,
                item: None,
            },
            "各章自查",
        ),
        (Route::Plan, "方案原文"),
        (Route::Ledger, "台账"),
        (Route::Rating, "德能勤绩廉评分"),
        (Route::Exchange, "导入导出"),
        (Route::Summary, "汇总"),
        (Route::Settings, "设置"),
    ]
}

impl Route {
    /// Parses `location.hash` ("", "#", "#/", "#/checklist/4.1/4.1.3" …).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut segments = path.split('/').filter(|s| !s.is_empty());
        let decoded = |s: &str| percent_decode(s);
        match segments.next() {
            None | Some("overview") => Route::Overview,
            Some("checklist") => Route::Checklist {
                chapter: segments.next().map(decoded),
                item: segments.next().map(decoded),
            },
            Some("plan") => Route::Plan,
            Some("ledger") => Route::Ledger,
            Some("rating") => Route::Rating,
            Some("exchange") => Route::Exchange,
            Some("summary") => Route::Summary,
            Some("settings") => Route::Settings,
            Some(_) => Route::NotFound(path.to_string()),
        }
    }

    /// The fragment for this page, with its leading '#'.
    pub fn href(&self) -> String {
        match self {
            Route::Overview => "#/overview".into(),
            Route::Checklist { chapter: None, .. } => "#/checklist".into(),
            Route::Checklist {
                chapter: Some(c),
                item: None,
            } => format!("#/checklist/{c}"),
            Route::Checklist {
                chapter: Some(c),
                item: Some(i),
            } => format!("#/checklist/{c}/{i}"),
            Route::Plan => "#/plan".into(),
            Route::Ledger => "#/ledger".into(),
            Route::Rating => "#/rating".into(),
            Route::Exchange => "#/exchange".into(),
            Route::Summary => "#/summary".into(),
            Route::Settings => "#/settings".into(),
            Route::NotFound(p) => format!("#/{p}"),
        }
    }

    /// Whether the nav entry `self` should be shown as current on `current`.
    pub fn is_section_of(&self, current: &Route) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(current)
    }
}

/// Browsers percent-encode non-ASCII in fragments when a user types them; ids here are ASCII, but a
/// pasted link may still arrive encoded.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_page_and_round_trips_its_href() {
        let cases = [
            ("", Route::Overview),
            ("#", Route::Overview),
            ("#/", Route::Overview),
            ("#/overview", Route::Overview),
            (
                "#/checklist",
                Route::Checklist {
                    chapter: None,
                    item: None,
                },
            ),
            (
                "#/checklist/4.1",
                Route::Checklist {
                    chapter: Some("4.1".into()),
                    item: None,
                },
            ),
            (
                "#/checklist/4.1/4.1.3",
                Route::Checklist {
                    chapter: Some("4.1".into()),
                    item: Some("4.1.3".into()),
                },
            ),
            ("#/plan", Route::Plan),
            ("#/ledger", Route::Ledger),
            ("#/rating", Route::Rating),
            ("#/exchange", Route::Exchange),
            ("#/summary", Route::Summary),
            ("#/settings", Route::Settings),
            ("#/nope", Route::NotFound("nope".into())),
        ];
        for (hash, expected) in cases {
            let route = Route::parse(hash);
            assert_eq!(route, expected, "parsing {hash:?}");
            assert_eq!(
                Route::parse(&route.href()),
                route,
                "href of {hash:?} must parse back"
            );
        }
    }

    #[test]
    fn every_nav_entry_has_a_distinct_page() {
        let hrefs: std::collections::BTreeSet<String> =
            nav().iter().map(|(r, _)| r.href()).collect();
        assert_eq!(hrefs.len(), nav().len());
        assert!(nav().iter().all(|(r, _)| !matches!(r, Route::NotFound(_))));
    }

    #[test]
    fn decodes_percent_escapes_and_keeps_bad_ones() {
        assert_eq!(percent_decode("4%2E1"), "4.1");
        assert_eq!(percent_decode("%E4%B8%80"), "一");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
