//! Pages and their URLs. Routing uses the URL's fragment (`#/checklist/4.1`), not its path: a plain
//! static file server (and a file opened from disk) serves the page for every route only that way,
//! so every page can be bookmarked and reloaded, from any sub-folder, with no server rewrite rules.
//! leptos_router routes by path only, hence this small module instead.
//!
//! The app is two pages: `index.html` (the department's first page: 总览, 各章自查, 方案原文 — a small
//! download) and `full.html` (every page). A link from the first to a page it lacks goes to
//! `full.html#/…`; [`Route::href`] knows which. Pure string handling, no browser types.

/// Whether this build is the full app (`full.html`) rather than the first page (`index.html`).
pub const FULL: bool = cfg!(feature = "full");

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// 总览
    Overview,
    /// 各章自查: one chapter (or the first), optionally scrolled to one item.
    Checklist {
        chapter: Option<String>,
        item: Option<String>,
    },
    /// 方案原文
    Plan,
    /// 台账, optionally one entry open.
    Ledger { entry: Option<String> },
    /// 德能勤绩廉评分
    Rating,
    /// 导入导出
    Exchange,
    /// 整改: findings received and rectification tasks.
    Rectification,
    /// 自查报告 of the department's own record.
    Report,
    /// 汇总: the office's received files.
    Summary,
    /// A received department's record, read only, shown in the department's own pages.
    Received { id: String, page: Box<Route> },
    /// 核查: the office verifies a received department's answers.
    Verify { id: String, item: Option<String> },
    /// 设置
    Settings,
    /// 使用说明
    Guide,
    /// A fragment that names no page: shown as "页面不存在" with a way back.
    NotFound(String),
}

impl Route {
    /// Parses `location.hash` ("", "#", "#/", "#/checklist/4.1/4.1.3" …).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let segments: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(percent_decode)
            .collect();
        Route::from_segments(&segments).unwrap_or_else(|| Route::NotFound(path.to_string()))
    }

    fn from_segments(s: &[String]) -> Option<Route> {
        let arg = |i: usize| s.get(i).cloned();
        let route = match s.first().map(String::as_str) {
            None | Some("overview") => Route::Overview,
            Some("checklist") if s.len() <= 3 => Route::Checklist {
                chapter: arg(1),
                item: arg(2),
            },
            Some("plan") => Route::Plan,
            Some("ledger") if s.len() <= 2 => Route::Ledger { entry: arg(1) },
            Some("rating") => Route::Rating,
            Some("exchange") => Route::Exchange,
            Some("rectification") => Route::Rectification,
            Some("report") => Route::Report,
            Some("summary") => Route::Summary,
            Some("received") if s.len() >= 2 => {
                let page = Route::from_segments(&s[2..])?;
                if !page.can_be_received() {
                    return None;
                }
                Route::Received {
                    id: s[1].clone(),
                    page: Box::new(page),
                }
            }
            Some("verify") if (2..=3).contains(&s.len()) => Route::Verify {
                id: s[1].clone(),
                item: arg(2),
            },
            Some("settings") => Route::Settings,
            Some("guide") => Route::Guide,
            Some(_) => return None,
        };
        match &route {
            Route::Overview
            | Route::Plan
            | Route::Rating
            | Route::Exchange
            | Route::Rectification
            | Route::Report
            | Route::Summary
            | Route::Settings
            | Route::Guide
                if s.len() > 1 =>
            {
                None
            }
            _ => Some(route),
        }
    }

    /// The fragment's path, without `#` and without the page file.
    fn path(&self) -> String {
        match self {
            Route::Overview => "/overview".into(),
            Route::Checklist { chapter: None, .. } => "/checklist".into(),
            Route::Checklist {
                chapter: Some(c),
                item: None,
            } => format!("/checklist/{c}"),
            Route::Checklist {
                chapter: Some(c),
                item: Some(i),
            } => format!("/checklist/{c}/{i}"),
            Route::Plan => "/plan".into(),
            Route::Ledger { entry: None } => "/ledger".into(),
            Route::Ledger { entry: Some(e) } => format!("/ledger/{e}"),
            Route::Rating => "/rating".into(),
            Route::Exchange => "/exchange".into(),
            Route::Rectification => "/rectification".into(),
            Route::Report => "/report".into(),
            Route::Summary => "/summary".into(),
            Route::Received { id, page } => format!("/received/{}{}", encode(id), page.path()),
            Route::Verify { id, item: None } => format!("/verify/{}", encode(id)),
            Route::Verify { id, item: Some(i) } => format!("/verify/{}/{i}", encode(id)),
            Route::Settings => "/settings".into(),
            Route::Guide => "/guide".into(),
            Route::NotFound(p) => format!("/{p}"),
        }
    }

    /// Whether the first page (`index.html`) has this page.
    pub fn in_first_page(&self) -> bool {
        matches!(
            self,
            Route::Overview | Route::Checklist { .. } | Route::Plan | Route::NotFound(_)
        )
    }

    /// Pages that show a department's record, and so can show a received one.
    pub fn can_be_received(&self) -> bool {
        matches!(
            self,
            Route::Overview
                | Route::Checklist { .. }
                | Route::Ledger { .. }
                | Route::Rating
                | Route::Rectification
                | Route::Report
        )
    }

    /// The link to this page from the page the app is running in: `#/…`, or `full.html#/…` from
    /// the first page to a page only the full app has.
    pub fn href(&self) -> String {
        if FULL || self.in_first_page() {
            format!("#{}", self.path())
        } else {
            format!("full.html#{}", self.path())
        }
    }

    /// Whether the nav entry `self` should be shown as current on `current`.
    pub fn is_section_of(&self, current: &Route) -> bool {
        match current {
            Route::Received { .. } | Route::Verify { .. } => matches!(self, Route::Summary),
            _ => std::mem::discriminant(self) == std::mem::discriminant(current),
        }
    }
}

/// Ids in received-file routes may hold any character (a department's name): `/` and `%` are
/// escaped so that the path still splits into the right segments.
fn encode(segment: &str) -> String {
    let mut out = String::new();
    for c in segment.chars() {
        match c {
            '/' => out.push_str("%2F"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// Browsers percent-encode non-ASCII in fragments when a user types them; a pasted link may arrive
/// encoded.
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

    fn checklist(chapter: Option<&str>, item: Option<&str>) -> Route {
        Route::Checklist {
            chapter: chapter.map(Into::into),
            item: item.map(Into::into),
        }
    }

    #[test]
    fn parses_every_page_and_round_trips_its_path() {
        let received = |page: Route| Route::Received {
            id: "县文广局|办公室/综合|2025".into(),
            page: Box::new(page),
        };
        let cases = [
            ("", Route::Overview),
            ("#", Route::Overview),
            ("#/", Route::Overview),
            ("#/overview", Route::Overview),
            ("#/checklist", checklist(None, None)),
            ("#/checklist/4.1", checklist(Some("4.1"), None)),
            (
                "#/checklist/4.1/4.1.3",
                checklist(Some("4.1"), Some("4.1.3")),
            ),
            ("#/plan", Route::Plan),
            ("#/ledger", Route::Ledger { entry: None }),
            (
                "#/ledger/e-1",
                Route::Ledger {
                    entry: Some("e-1".into()),
                },
            ),
            ("#/rating", Route::Rating),
            ("#/exchange", Route::Exchange),
            ("#/rectification", Route::Rectification),
            ("#/report", Route::Report),
            ("#/summary", Route::Summary),
            (
                "#/received/县文广局|办公室%2F综合|2025/checklist/4.1",
                received(checklist(Some("4.1"), None)),
            ),
            (
                "#/received/县文广局|办公室%2F综合|2025/overview",
                received(Route::Overview),
            ),
            (
                "#/verify/x/4.1.1",
                Route::Verify {
                    id: "x".into(),
                    item: Some("4.1.1".into()),
                },
            ),
            ("#/settings", Route::Settings),
            ("#/guide", Route::Guide),
            ("#/nope", Route::NotFound("nope".into())),
            ("#/plan/extra", Route::NotFound("plan/extra".into())),
            (
                "#/received/x/summary",
                Route::NotFound("received/x/summary".into()),
            ),
            (
                "#/received/x",
                Route::Received {
                    id: "x".into(),
                    page: Box::new(Route::Overview),
                },
            ),
        ];
        for (hash, expected) in cases {
            let route = Route::parse(hash);
            assert_eq!(route, expected, "parsing {hash:?}");
            assert_eq!(
                Route::parse(&format!("#{}", route.path())),
                route,
                "the path of {hash:?} must parse back"
            );
        }
    }

    #[test]
    fn the_first_page_links_to_the_full_app_for_pages_it_lacks() {
        assert!(Route::Overview.in_first_page());
        assert!(checklist(Some("4.1"), None).in_first_page());
        assert!(!Route::Ledger { entry: None }.in_first_page());
        if !FULL {
            assert_eq!(Route::Rating.href(), "full.html#/rating");
            assert_eq!(Route::Plan.href(), "#/plan");
        }
    }

    #[test]
    fn decodes_percent_escapes_and_keeps_bad_ones() {
        assert_eq!(percent_decode("4%2E1"), "4.1");
        assert_eq!(percent_decode("%E4%B8%80"), "一");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("a%2"), "a%2");
    }
}
