"""Mail: one small sender interface, an SMTP implementation, and the templates mail is
rendered with (digest/ builds what the templates show)."""
