//! What the console's list pages share (delegations, the audit trail,
//! accreditations, reporters, interviews, press conferences): their frame
//! (`templates/list_page.html`: the filter form, the export links, the
//! table or what an empty list says, the pager), reading the filters into
//! a search or the form's errors, and a page of rows with the addresses of
//! the first and the next page. What a list filters by (the `model::` call
//! that reads them), its columns and its words stay with its page.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::console::error::PageError;
use crate::console::i18n::Tr;
use crate::console::page::FormErrors;
use crate::console::pages::delegation::form::{self, text};
use crate::domain::pagination::{Limit, page as split};
use crate::error::{ApiError, ApiResult};
use crate::model;

/// A list page's address, and the catalogue's words of its frame.
#[derive(Debug)]
pub struct Frame {
    /// The filter form's action, the address of the link that clears it,
    /// and of every page of the list before its query.
    pub path: &'static str,
    /// The list's name among the exports (`exports::href`).
    pub export: &'static str,
    /// The filter form's landmark label.
    pub filters: &'static str,
    /// The filter form's button.
    pub filter: &'static str,
    /// The link that clears the filters.
    pub clear: &'static str,
    /// What an empty list says.
    pub none: &'static str,
    /// What an empty list says when it is filtered.
    pub none_found: &'static str,
    /// The pager's landmark label.
    pub pages: &'static str,
    pub first_page: &'static str,
    pub next_page: &'static str,
}

/// A list's query as its form sends it (every field may be blank).
pub trait Query {
    /// The page this is the query of.
    const FRAME: &'static Frame;

    /// The filters in the form's order, named as the form names them, each
    /// value as the address of another page of the list carries it (the
    /// audit trail and the press lists trim theirs, the others keep what
    /// was typed).
    fn filters(&self) -> Vec<(&'static str, &str)>;

    /// Where the page starts, as the previous page's link sent it (blank
    /// for the first page).
    fn cursor(&self) -> &str;

    /// The cursor decoded (422 naming `cursor` for one the list did not
    /// give out).
    fn after<K: DeserializeOwned>(&self) -> ApiResult<Option<K>> {
        model::input::cursor(text(self.cursor()).as_deref())
    }
}

/// The filters as read: what to list by, or (when the model refused them)
/// nothing, and the form's errors in the form's order, the cursor's last.
/// Anything but a refused input is the error page's.
pub fn read<Q: Query, S>(
    q: &Q,
    search: ApiResult<S>,
    t: Tr,
) -> Result<(FormErrors, Option<S>), PageError> {
    match search {
        Ok(search) => Ok((FormErrors::default(), Some(search))),
        Err(e) => {
            let order: Vec<&str> = q
                .filters()
                .iter()
                .map(|(name, _)| *name)
                .chain(["cursor"])
                .collect();
            Ok((form::errors(e, t, &order)?, None))
        }
    }
}

/// How many rows a page of a list holds: the API's default page.
pub fn page_size() -> Result<Limit, PageError> {
    Ok(Limit::parse(None).map_err(ApiError::internal)?)
}

/// A page of a list as its frame shows it.
#[derive(Debug)]
pub struct Listing<R> {
    pub frame: &'static Frame,
    /// `None` when the filters could not be read.
    pub rows: Option<Vec<R>>,
    /// The next page, when there is one.
    pub next: Option<String>,
    /// The first page, when this is not it.
    pub first: Option<String>,
    /// Whether any filter is set.
    pub filtered: bool,
}

impl<R> Listing<R> {
    /// The page of `found` (`None` when the filters could not be read), its
    /// rows made by `row`; a row past `limit` says that another page
    /// follows, from the `key` of the last one shown.
    pub fn new<Q: Query, T, K: Serialize>(
        q: &Q,
        found: Option<Vec<T>>,
        limit: Limit,
        key: impl Fn(&T) -> K,
        row: impl FnMut(T) -> R,
    ) -> Self {
        let (rows, next) = match found {
            Some(found) => {
                let (found, next) = split(found, limit, key);
                (Some(found.into_iter().map(row).collect()), next)
            }
            None => (None, None),
        };
        Self {
            frame: Q::FRAME,
            rows,
            next: next.map(|cursor| href(q, Some(&cursor))),
            first: text(q.cursor()).map(|_| href(q, None)),
            filtered: q.filters().iter().any(|(_, v)| !v.trim().is_empty()),
        }
    }
}

/// The address of a page of the list: the same filters (the blank ones
/// left out), from `cursor` (the first page without one).
fn href<Q: Query>(q: &Q, cursor: Option<&str>) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    for (name, value) in q.filters() {
        if !value.trim().is_empty() {
            url.append_pair(name, value);
        }
    }
    if let Some(cursor) = cursor {
        url.append_pair("cursor", cursor);
    }
    match url.finish() {
        query if query.is_empty() => Q::FRAME.path.to_owned(),
        query => format!("{}?{query}", Q::FRAME.path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAME: Frame = Frame {
        path: "/things",
        export: "things",
        filters: "",
        filter: "",
        clear: "",
        none: "",
        none_found: "",
        pages: "",
        first_page: "",
        next_page: "",
    };

    struct Things {
        q: String,
        status: String,
        cursor: String,
    }

    impl Query for Things {
        const FRAME: &'static Frame = &FRAME;

        fn filters(&self) -> Vec<(&'static str, &str)> {
            vec![("q", &self.q), ("status", &self.status)]
        }

        fn cursor(&self) -> &str {
            &self.cursor
        }
    }

    fn things(q: &str, status: &str, cursor: &str) -> Things {
        Things {
            q: q.to_owned(),
            status: status.to_owned(),
            cursor: cursor.to_owned(),
        }
    }

    #[test]
    fn the_pages_keep_the_filters_set_and_leave_the_blank_ones_out() {
        let limit = Limit::parse(Some(2)).unwrap();
        let list = Listing::new(
            &things("Hà Nội", " ", ""),
            Some(vec![1_i64, 2, 3]),
            limit,
            |i| (*i,),
            |i| i,
        );
        assert_eq!(list.rows, Some(vec![1, 2]));
        assert!(list.filtered);
        assert!(list.first.is_none());
        let next = list.next.unwrap();
        assert!(
            next.starts_with("/things?q=H%C3%A0+N%E1%BB%99i&cursor="),
            "{next}"
        );

        let list = Listing::new(
            &things("", "", "abc"),
            Some(vec![1_i64]),
            limit,
            |i| (*i,),
            |i| i,
        );
        assert!(!list.filtered);
        assert_eq!(list.first.as_deref(), Some("/things"));
        assert!(list.next.is_none());
    }

    #[test]
    fn unread_filters_show_no_rows_and_no_next_page() {
        let limit = Limit::parse(None).unwrap();
        let list: Listing<i64> =
            Listing::new(&things("", "x", ""), None, limit, |i: &i64| (*i,), |i| i);
        assert!(list.rows.is_none() && list.next.is_none() && list.filtered);
    }
}
