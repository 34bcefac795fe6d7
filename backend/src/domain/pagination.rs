//! Keyset pagination: a validated page size and the `(created_at, id)` position a page
//! continues after.
//!
//! Pure values; the wire format of a position (the opaque cursor) lives in the HTTP adapter.

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// A page size between [`PageLimit::MIN`] and [`PageLimit::MAX`] items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageLimit(u8);

/// A requested page size outside `1..=100`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must be between {min} and {max}, got {got}", min = PageLimit::MIN, max = PageLimit::MAX)]
pub struct PageLimitError {
    /// The rejected value.
    pub got: i64,
}

impl PageLimit {
    /// The smallest page.
    pub const MIN: u8 = 1;
    /// The largest page.
    pub const MAX: u8 = 100;
    /// The size used when a client names none.
    pub const DEFAULT: Self = Self(20);

    /// The size as a count of items.
    pub const fn get(self) -> usize {
        self.0 as usize
    }
}

impl Default for PageLimit {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<i64> for PageLimit {
    type Error = PageLimitError;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        u8::try_from(value)
            .ok()
            .filter(|n| (Self::MIN..=Self::MAX).contains(n))
            .map(Self)
            .ok_or(PageLimitError { got: value })
    }
}

/// Where a keyset page starts: strictly after this `(created_at, id)` pair, in ascending
/// order of both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeysetPosition {
    /// Creation time of the last item already seen.
    pub created_at: DateTime<Utc>,
    /// Id of the last item already seen; breaks ties between equal creation times.
    pub id: Uuid,
}

/// One page of items and, unless it is the last, the position the next page starts after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The items, in keyset order.
    pub items: Vec<T>,
    /// The position after the last item, when more items follow.
    pub next: Option<KeysetPosition>,
}

impl<T> Page<T> {
    /// Builds a page from up to `limit + 1` rows fetched in keyset order: the extra row
    /// only tells that another page exists and is dropped.
    pub fn from_overfetch(
        mut rows: Vec<T>,
        limit: PageLimit,
        position: impl Fn(&T) -> KeysetPosition,
    ) -> Self {
        let more = rows.len() > limit.get();
        rows.truncate(limit.get());
        let next = if more {
            rows.last().map(position)
        } else {
            None
        };
        Self { items: rows, next }
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case(1)]
    #[case(20)]
    #[case(100)]
    fn accepts_limits_in_range(#[case] value: i64) {
        let limit = PageLimit::try_from(value).expect("in range");
        assert_eq!(i64::try_from(limit.get()).expect("small"), value);
    }

    #[rstest]
    #[case(0)]
    #[case(101)]
    #[case(-1)]
    #[case(256)]
    #[case(i64::MAX)]
    fn rejects_limits_out_of_range(#[case] value: i64) {
        assert_eq!(
            PageLimit::try_from(value),
            Err(PageLimitError { got: value })
        );
    }

    #[test]
    fn default_is_twenty() {
        assert_eq!(PageLimit::default().get(), 20);
    }

    fn at(n: u128) -> KeysetPosition {
        KeysetPosition {
            created_at: DateTime::UNIX_EPOCH,
            id: Uuid::from_u128(n),
        }
    }

    #[rstest]
    #[case(3, 2, vec![1, 2], Some(2))]
    #[case(2, 2, vec![1, 2], None)]
    #[case(1, 2, vec![1], None)]
    #[case(0, 2, vec![], None)]
    fn overfetch_keeps_limit_and_names_the_next_position(
        #[case] fetched: u128,
        #[case] limit: i64,
        #[case] kept: Vec<u128>,
        #[case] next_after: Option<u128>,
    ) {
        let rows: Vec<u128> = (1..=fetched).collect();
        let page =
            Page::from_overfetch(rows, PageLimit::try_from(limit).expect("valid"), |n| at(*n));
        assert_eq!(page.items, kept);
        assert_eq!(page.next, next_after.map(at));
    }
}
