"""Imports as the pages and the API run them: uploads, their limits, and staged previews."""
