"""What operators see of a running Innsteg: structured logs that carry a request id into the tasks a
request enqueues, with personal data kept out, and Prometheus metrics on a non-public endpoint."""
