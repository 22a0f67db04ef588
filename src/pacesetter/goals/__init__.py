"""The goals service: the one way goals are created, changed, decided and read.

Web pages, the JSON API, the `goals` import and the CLI all come through here, so the
permissions, the status workflow, the audit trail and the lint apply the same everywhere.
Functions flush; the caller (a request or a CLI command) commits.
"""
