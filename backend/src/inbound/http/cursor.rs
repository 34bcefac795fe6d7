//! The opaque page cursor: a [`KeysetPosition`] as versioned bytes with a checksum, in
//! URL-safe base64, so any server replica decodes any other's cursors and edits are caught.
//!
//! Layout (33 bytes): version `1` | `created_at` as microseconds since the Unix epoch
//! (i64, big-endian) | id (16 bytes) | the first 8 bytes of SHA-256 over a purpose tag and
//! the 25 bytes before. The checksum is not a secret: it detects damaged or edited cursors;
//! a client that forges one only chooses where its page starts, which it may do anyway.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::DateTime;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::domain::pagination::KeysetPosition;

const VERSION: u8 = 1;
const PURPOSE: &[u8] = b"wildside/page-cursor/1";
const BODY_LEN: usize = 1 + 8 + 16;
const CHECKSUM_LEN: usize = 8;
const RAW_LEN: usize = BODY_LEN + CHECKSUM_LEN;
/// Length of every cursor this version emits (base64 of 33 bytes, no padding).
pub const ENCODED_LEN: usize = 44;

/// Why a cursor string was rejected; the message is safe to show to the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CursorError {
    /// Not the length of any cursor this server issues.
    #[error("is not a cursor issued by this API (wrong length)")]
    Length,
    /// Not URL-safe base64.
    #[error("is not a cursor issued by this API (not URL-safe base64)")]
    Encoding,
    /// A cursor format this server does not know.
    #[error("has an unknown version")]
    Version,
    /// The checksum does not match: the cursor was edited or damaged.
    #[error("was modified or damaged (checksum mismatch)")]
    Checksum,
    /// The position lies outside the years 1 to 9999.
    #[error("points outside the supported time range")]
    Range,
}

/// Encodes `position` as an opaque cursor.
pub fn encode(position: &KeysetPosition) -> String {
    let mut raw = [0_u8; RAW_LEN];
    raw[0] = VERSION;
    raw[1..9].copy_from_slice(&position.created_at.timestamp_micros().to_be_bytes());
    raw[9..BODY_LEN].copy_from_slice(position.id.as_bytes());
    let sum = checksum(&raw[..BODY_LEN]);
    raw[BODY_LEN..].copy_from_slice(&sum);
    URL_SAFE_NO_PAD.encode(raw)
}

/// Decodes a cursor produced by [`encode`].
///
/// # Errors
/// [`CursorError`] for any string [`encode`] did not produce (or that was edited since).
pub fn decode(cursor: &str) -> Result<KeysetPosition, CursorError> {
    // Checked before decoding, so an oversized input costs nothing.
    if cursor.len() != ENCODED_LEN {
        return Err(CursorError::Length);
    }
    let mut raw = [0_u8; RAW_LEN];
    let written = URL_SAFE_NO_PAD
        .decode_slice(cursor, &mut raw)
        .map_err(|_| CursorError::Encoding)?;
    if written != RAW_LEN {
        return Err(CursorError::Length);
    }
    if raw[0] != VERSION {
        return Err(CursorError::Version);
    }
    if checksum(&raw[..BODY_LEN]) != raw[BODY_LEN..] {
        return Err(CursorError::Checksum);
    }
    let micros = i64::from_be_bytes(raw[1..9].try_into().map_err(|_| CursorError::Length)?);
    let created_at = Some(micros)
        .filter(|m| (EARLIEST_MICROS..=LATEST_MICROS).contains(m))
        .and_then(DateTime::from_timestamp_micros)
        .ok_or(CursorError::Range)?;
    let id = Uuid::from_slice(&raw[9..BODY_LEN]).map_err(|_| CursorError::Length)?;
    Ok(KeysetPosition { created_at, id })
}

fn checksum(body: &[u8]) -> [u8; CHECKSUM_LEN] {
    let digest = Sha256::new()
        .chain_update(PURPOSE)
        .chain_update(body)
        .finalize();
    let mut sum = [0_u8; CHECKSUM_LEN];
    sum.copy_from_slice(&digest[..CHECKSUM_LEN]);
    sum
}

// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z: both fit PostgreSQL's timestamptz,
// so a decoded position always binds as a query parameter.
const EARLIEST_MICROS: i64 = -62_135_596_800_000_000;
const LATEST_MICROS: i64 = 253_402_300_799_999_999;

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rstest::rstest;

    use super::*;

    fn position(micros: i64, id: u128) -> KeysetPosition {
        KeysetPosition {
            created_at: DateTime::from_timestamp_micros(micros).expect("in range"),
            id: Uuid::from_u128(id),
        }
    }

    #[test]
    fn round_trips_and_has_a_fixed_length() {
        let at = position(
            1_795_000_000_123_456,
            0x0123_4567_89ab_cdef_0123_4567_89ab_cdef,
        );
        let cursor = encode(&at);
        assert_eq!(cursor.len(), ENCODED_LEN);
        assert_eq!(decode(&cursor), Ok(at));
    }

    #[test]
    fn same_position_same_cursor() {
        let at = position(0, 7);
        assert_eq!(encode(&at), encode(&at));
        // Pinned: a change of layout must be a new version, never a silent one.
        assert_eq!(encode(&at), "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABwLFwwCzmprE");
    }

    #[rstest]
    #[case("", CursorError::Length)]
    #[case("abc", CursorError::Length)]
    #[case(&"A".repeat(45), CursorError::Length)]
    #[case(&"*".repeat(44), CursorError::Encoding)]
    #[case(&"A".repeat(44), CursorError::Version)]
    fn rejects_foreign_strings(#[case] input: &str, #[case] expected: CursorError) {
        assert_eq!(decode(input), Err(expected));
    }

    #[test]
    fn rejects_an_edited_cursor() {
        let cursor = encode(&position(1_000_000, 42));
        let mut bytes = cursor.into_bytes();
        bytes[20] = if bytes[20] == b'A' { b'B' } else { b'A' };
        let edited = String::from_utf8(bytes).expect("ascii");
        assert_eq!(decode(&edited), Err(CursorError::Checksum));
    }

    #[test]
    fn rejects_a_signed_position_outside_the_supported_years() {
        let mut raw = [0_u8; RAW_LEN];
        raw[0] = VERSION;
        raw[1..9].copy_from_slice(&i64::MAX.to_be_bytes());
        let sum = checksum(&raw[..BODY_LEN]);
        raw[BODY_LEN..].copy_from_slice(&sum);
        assert_eq!(
            decode(&URL_SAFE_NO_PAD.encode(raw)),
            Err(CursorError::Range)
        );
    }

    proptest! {
        #[test]
        fn any_position_in_range_round_trips(
            micros in EARLIEST_MICROS..=LATEST_MICROS,
            id in any::<u128>(),
        ) {
            let at = position(micros, id);
            prop_assert_eq!(decode(&encode(&at)), Ok(at));
        }

        #[test]
        fn any_string_decodes_or_errs_without_panicking(input in ".{0,64}") {
            let _ = decode(&input);
        }
    }
}
