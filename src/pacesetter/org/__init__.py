"""The organisation: its people and hierarchy as the pages and the API both read them."""
