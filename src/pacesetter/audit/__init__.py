"""The audit trail as people read it (written by `store.audit`)."""
