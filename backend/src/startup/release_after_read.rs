//! Wiring for a throwaway cluster: an introspector that closes its connection and says so as
//! soon as the catalogue is read, so the cluster can stop while the diagrams render.

use std::sync::mpsc;

use crate::domain::er_diagram::{SchemaGraph, SchemaName};
use crate::domain::ports::schema_introspector::{SchemaIntrospectionError, SchemaIntrospector};

/// Reads the schema once through `I`, then drops it (closing its connection) and signals.
#[derive(Debug)]
pub struct ReleaseAfterRead<I> {
    inner: Option<I>,
    read: Option<mpsc::Sender<()>>,
}

impl<I> ReleaseAfterRead<I> {
    /// Wraps `inner`; the receiver gets one message once the schema has been read and the
    /// connection closed (or is disconnected when the wrapper is dropped unread).
    pub fn new(inner: I) -> (Self, mpsc::Receiver<()>) {
        let (sender, receiver) = mpsc::channel();
        (
            Self {
                inner: Some(inner),
                read: Some(sender),
            },
            receiver,
        )
    }
}

impl<I: SchemaIntrospector> SchemaIntrospector for ReleaseAfterRead<I> {
    fn introspect(&mut self, schema: &SchemaName) -> Result<SchemaGraph, SchemaIntrospectionError> {
        let mut inner = self
            .inner
            .take()
            .ok_or_else(|| SchemaIntrospectionError::Connection {
                schema: schema.as_str().to_owned(),
                source: "the connection was closed after the first read".into(),
            })?;
        let graph = inner.introspect(schema);
        drop(inner);
        if let Some(read) = self.read.take() {
            // The receiver may be gone already; then nobody waits for the signal.
            let _ = read.send(());
        }
        graph
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    use rstest::rstest;

    use super::*;

    /// Stands in for the Diesel introspector: an empty schema, and a flag set when dropped.
    struct Closes(Arc<AtomicBool>);

    impl Drop for Closes {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    impl SchemaIntrospector for Closes {
        fn introspect(&mut self, _: &SchemaName) -> Result<SchemaGraph, SchemaIntrospectionError> {
            Ok(SchemaGraph::default())
        }
    }

    #[rstest]
    fn the_connection_closes_before_the_signal_and_a_second_read_fails() {
        let closed = Arc::new(AtomicBool::new(false));
        let (mut introspector, read) = ReleaseAfterRead::new(Closes(Arc::clone(&closed)));
        assert!(read.try_recv().is_err(), "no signal before the read");
        let schema = SchemaName::default();
        introspector.introspect(&schema).expect("first read");
        read.try_recv().expect("signalled after the read");
        assert!(closed.load(Ordering::SeqCst), "closed before the signal");
        let err = introspector.introspect(&schema).expect_err("second read");
        assert!(err.to_string().contains(schema.as_str()), "{err}");
    }

    #[rstest]
    fn dropping_it_unread_disconnects_the_receiver() {
        let (introspector, read) = ReleaseAfterRead::new(Closes(Arc::default()));
        drop(introspector);
        assert!(read.recv().is_err());
    }
}
