"""The shapes of the screens and bodies the JSON API and the pages share (Pydantic models)."""
