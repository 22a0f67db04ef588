"""Coaching records as real records: the forms, who may write them, who may read them (the
policy itself is `store.scope.Scope.reads_coaching`), and the 1:1 that reviews last month's
plan and sets the next one. Pages and API both call `service`, `queries` and `views`."""
