"""Monthly activity plans: a manager sets each rep's plan, a rep proposes changes their manager
approves or rejects (docs/coaching.md, "Activity plans")."""
