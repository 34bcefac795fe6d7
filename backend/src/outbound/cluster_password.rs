//! The superuser password of an embedded cluster whose data outlives the process: made once
//! from `/dev/urandom`, kept in a 0600 file beside (or inside) its data directory.

use std::io::{Read as _, Write as _};
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::Path;

/// Reads the cluster's password from `file`, or makes one with [`generate`] and writes it there.
///
/// # Errors
/// The I/O error, naming `file`, when it cannot be read or written or `/dev/urandom` read.
pub fn read_or_create(file: &Path) -> std::io::Result<String> {
    match std::fs::read_to_string(file) {
        Ok(text) if !text.trim().is_empty() => return Ok(text.trim().to_owned()),
        Ok(_) => {}
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(named(file, &err)),
    }
    let password = generate().map_err(|err| named(file, &err))?;
    write_private(file, &password)?;
    Ok(password)
}

/// A new password: 16 random bytes as 32 hex digits.
///
/// # Errors
/// When `/dev/urandom` cannot be read.
pub fn generate() -> std::io::Result<String> {
    let mut bytes = [0_u8; 16];
    std::fs::File::open("/dev/urandom").and_then(|mut random| random.read_exact(&mut bytes))?;
    Ok(format!("{:032x}", u128::from_le_bytes(bytes)))
}

/// Writes `password` to `file`, readable by its owner only, and syncs it.
///
/// # Errors
/// The I/O error, naming `file`.
pub fn write_private(file: &Path, password: &str) -> std::io::Result<()> {
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(file)
        .map_err(|err| named(file, &err))?;
    out.write_all(password.as_bytes())
        .and_then(|()| out.sync_all())
        .map_err(|err| named(file, &err))
}

fn named(file: &Path, err: &std::io::Error) -> std::io::Error {
    std::io::Error::new(err.kind(), format!("{}: {err}", file.display()))
}
