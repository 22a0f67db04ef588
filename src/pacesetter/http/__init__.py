"""The HTTP edge that the pages (web/) and the JSON API (api/) both stand on: request
dependencies (session, scope, CSRF), the ranges request values must fall in, shared query
parameters, uploads and downloads. Neither surface imports the other; both import this."""
