"""The weekly digest and event mail: what each person is told, built as plain data
(`view.build_digest`), rendered by mail/ and sent once per person and week (`sending`)."""
