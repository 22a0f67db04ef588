"""The parts of the manager KPIs (metrics.md "Manager KPIs"), one module per KPI group; the
entry point that assembles them is `pacesetter.metrics.manager_kpis`."""
